// SPDX-License-Identifier: MIT
// Runs the sample backend's functions (convex/) in-process through convex-test and keeps
// its database: optional JSON data file, reset, function lookup with the backend's error
// texts, and console capture into `[LEVEL] …` log lines.
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { inspect } from "node:util";
import { convexTest } from "convex-test";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import schema from "../../convex/schema";
import type { UserIdentity } from "./auth";

// The function modules of convex/ (add new files here). convex-test finds the functions root
// from the `_generated` key and strips extensions, so "tasks:list" resolves to "./convex/tasks".
const MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  "./convex/_generated/api.js": () => import("../../convex/_generated/api.js"),
  "./convex/_generated/server.js": () => import("../../convex/_generated/server.js"),
  "./convex/debug.ts": () => import("../../convex/debug"),
  "./convex/tasks.ts": () => import("../../convex/tasks"),
  "./convex/users.ts": () => import("../../convex/users"),
};

export type FunctionKind = "query" | "mutation" | "action";

export type Outcome =
  | { success: true; value: Value; logLines: string[] }
  // `errorData` is present only when the function threw a ConvexError (it may be null).
  | { success: false; errorMessage: string; errorData?: Value; logLines: string[] };

type TestAccessor = ReturnType<typeof convexTest>;
type PathRunner = (path: { componentPath: string; udfPath: string }, args: unknown) => Promise<Value>;

// The parts of convex-test's private state the data file needs (document map, id counter).
type FakeDb = {
  _documents: Record<string, Record<string, Value>>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: unknown[];
};
type FakeGlobal = { components: Record<string, { db: FakeDb }>; transactionManager: { _lastCommitTs: bigint } };

const logCapture = new AsyncLocalStorage<string[]>();
let consolePatched = false;

// Inside a function execution console output becomes log lines; elsewhere it prints as usual.
function patchConsole(): void {
  if (consolePatched) return;
  consolePatched = true;
  const levels: [keyof Console, string][] = [
    ["log", "LOG"], ["info", "INFO"], ["warn", "WARN"], ["error", "ERROR"], ["debug", "DEBUG"],
  ];
  for (const [method, level] of levels) {
    const original = (console[method] as (...a: unknown[]) => void).bind(console);
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const lines = logCapture.getStore();
      if (lines === undefined) original(...args);
      else lines.push(`[${level}] ${args.map(formatLogArgument).join(" ")}`);
    };
  }
}

// Like the Convex runtime: every argument is inspected, so strings appear quoted
// (`console.log("hi")` -> `[LOG] 'hi'`), objects span lines, arrays stay on one line.
function formatLogArgument(arg: unknown): string {
  const isPlainObject = typeof arg === "object" && arg !== null && !Array.isArray(arg);
  return inspect(arg, isPlainObject ? { breakLength: 0 } : {});
}

function isConvexError(e: unknown): e is Error & { data: Value } {
  return typeof e === "object" && e !== null && Symbol.for("ConvexError") in e;
}

export type DataFileContents = {
  version: 1;
  nextDocId: number;
  lastCreationTime: number;
  lastTs: string;
  documents: JSONValue[];
  sessionRequests: [string, { result: JSONValue; ts: string }][];
};

export class ConvexRuntime {
  private t!: TestAccessor;
  private fake!: FakeGlobal;

  constructor(private readonly dataFile?: string) {
    patchConsole();
  }

  /** Fresh empty database (convex-test instance); loads the data file if it exists. */
  async init(): Promise<Partial<DataFileContents> | null> {
    this.t = convexTest(schema, MODULES);
    this.fake = await captureFakeGlobal(this.t);
    if (this.dataFile === undefined || !existsSync(this.dataFile)) return null;
    let data: DataFileContents;
    try {
      data = JSON.parse(readFileSync(this.dataFile, "utf8")) as DataFileContents;
    } catch (e) {
      throw new Error(`Cannot read data file ${this.dataFile}: ${(e as Error).message}`);
    }
    if (data.version !== 1 || !Array.isArray(data.documents)) {
      throw new Error(`Data file ${this.dataFile} has an unknown format`);
    }
    const db = this.rootDb();
    for (const json of data.documents) {
      let doc: Record<string, Value>;
      try {
        doc = jsonToConvex(json) as Record<string, Value>;
      } catch (e) {
        throw new Error(`Data file ${this.dataFile} holds an invalid document: ${(e as Error).message}`);
      }
      if (typeof doc?._id !== "string" || typeof doc._creationTime !== "number") {
        throw new Error(`Data file ${this.dataFile} holds a document without _id/_creationTime`);
      }
      db._documents[doc._id] = doc;
    }
    db._nextDocId = Math.max(db._nextDocId, data.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, data.lastCreationTime);
    return data;
  }

  /** Drops every document (the data file is rewritten by the caller's next save()). */
  async reset(): Promise<void> {
    this.t = convexTest(schema, MODULES);
    this.fake = await captureFakeGlobal(this.t);
  }

  documentCount(): number {
    return Object.keys(this.rootDb()._documents).length;
  }

  /** All stored documents by table, Convex-JSON encoded (for /__devstack/state). */
  tables(): Record<string, JSONValue[]> {
    const out: Record<string, JSONValue[]> = {};
    for (const doc of Object.values(this.rootDb()._documents)) {
      const table = String(doc._id).replace(/^[0-9]+/, "");
      (out[table] ??= []).push(convexToJson(doc));
    }
    return out;
  }

  /** Writes the whole database atomically (temp file + rename). */
  save(lastTs: bigint, sessionRequests: DataFileContents["sessionRequests"]): void {
    if (this.dataFile === undefined) return;
    const db = this.rootDb();
    const contents: DataFileContents = {
      version: 1,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastTs: lastTs.toString(),
      documents: Object.values(db._documents).map((d) => convexToJson(d)),
      sessionRequests,
    };
    const tmp = `${this.dataFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(contents));
    renameSync(tmp, this.dataFile);
  }

  /**
   * Runs a public function. `udfPath` must be canonical (`module:export`); `requestId` goes
   * into error messages like the backend's `[Request ID: …] Server Error`.
   */
  async run(
    kind: FunctionKind,
    udfPath: string,
    args: Value,
    identity: UserIdentity | null,
    requestId: string,
  ): Promise<Outcome> {
    const logLines: string[] = [];
    const fail = (message: string): Outcome => ({
      success: false,
      errorMessage: `[Request ID: ${requestId}] Server Error\n${message}`,
      logLines,
    });
    const lookupError = await this.checkFunction(kind, udfPath);
    if (lookupError !== null) return fail(lookupError);
    if (typeof args !== "object" || args === null || Array.isArray(args) || args instanceof ArrayBuffer) {
      return fail("ArgumentValidationError: The arguments to a Convex function must be an object.");
    }
    const accessor = identity === null ? this.t : this.t.withIdentity(identity as Parameters<TestAccessor["withIdentity"]>[0]);
    const runners = accessor as unknown as Record<string, PathRunner>;
    try {
      const value = await logCapture.run(logLines, () =>
        runners[`${kind}FromPath`]({ componentPath: "", udfPath }, args),
      );
      return { success: true, value: value === undefined ? null : value, logLines };
    } catch (e) {
      if (isConvexError(e)) {
        return { ...(fail(`Uncaught ConvexError: ${e.message}`) as { success: false; errorMessage: string; logLines: string[] }), errorData: e.data ?? null };
      }
      const err = e instanceof Error ? `${e.name}: ${e.message}` : `Error: ${String(e)}`;
      return fail(`Uncaught ${err}`);
    }
  }

  // Unknown, internal or wrong-kind functions fail like on the real backend.
  private async checkFunction(kind: FunctionKind, udfPath: string): Promise<string | null> {
    const [modulePath, exportName] = udfPath.split(":");
    const notFound =
      `Could not find public function for '${udfPath}'. ` +
      "Did you forget to run `npx convex dev` or `npx convex deploy`?";
    const load = modulePath.startsWith("_") ? undefined : MODULES[`./convex/${modulePath}.ts`];
    if (load === undefined) return notFound;
    const fn = (await load())[exportName] as Record<string, unknown> | undefined;
    if (fn === undefined || fn === null || fn.isPublic !== true) return notFound;
    const actual = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : "other";
    if (actual !== kind) {
      const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
      return `Trying to execute ${udfPath} as ${cap(kind)}, but it is defined as ${cap(actual)}.`;
    }
    return null;
  }

  private rootDb(): FakeDb {
    return this.fake.components[""].db;
  }
}

// convex-test keeps its database private. Every accessor call enters it through
// AsyncLocalStorage.run(convexGlobal, …), so one no-op call while watching run() hands us
// the object; the data file needs its document map and id counter.
async function captureFakeGlobal(t: TestAccessor): Promise<FakeGlobal> {
  const proto = AsyncLocalStorage.prototype as unknown as { run: (...a: unknown[]) => unknown };
  const originalRun = proto.run;
  let found: FakeGlobal | undefined;
  proto.run = function (this: unknown, store: unknown, ...rest: unknown[]) {
    const s = store as Partial<FakeGlobal> | undefined;
    if (found === undefined && s?.components?.[""]?.db && s.transactionManager) found = s as FakeGlobal;
    return originalRun.call(this, store, ...rest);
  };
  try {
    await t.run(async () => null);
  } finally {
    proto.run = originalRun;
  }
  if (found === undefined || typeof found.components[""].db._documents !== "object") {
    throw new Error("convex-test internals changed: cannot reach its database (check convex-test version)");
  }
  return found;
}
