// SPDX-License-Identifier: MIT
// The Convex stand-in's data file (restart keeps documents with their ids), reset, and the
// CLI as a real child process.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ConvexHttpClient } from "convex/browser";
import { anyApi as api } from "convex/server";
import { loadStandin, newClient, startIssuer, watch, withTimeout, cleanUp, test } from "../convex/test-support.mjs";
import { recordChildOutput } from "./devstack-helpers.mjs";

let issuer;
let dir;
let startConvexStandin;
let cliPath;

before(async () => {
  issuer = await startIssuer();
  dir = mkdtempSync(join(tmpdir(), "convex-standin-data-"));
  ({ startConvexStandin, cliPath } = await loadStandin());
});
after(async () => {
  await cleanUp(() => issuer.close());
  rmSync(dir, { recursive: true, force: true });
});

const providers = () => [{ domain: issuer.url, applicationID: "convex" }];

test("restart with the same data file keeps tasks, ids and creation times", async () => {
  const dataFile = join(dir, "restart.json");
  let standin = await startConvexStandin({ dataFile, authProviders: providers() });
  const http = new ConvexHttpClient(standin.url);
  http.setAuth(await issuer.sign({ sub: "user_persist" }));
  await http.mutation(api.tasks.add, { text: "survives" });
  const doneId = await http.mutation(api.tasks.add, { text: "done one" });
  await http.mutation(api.tasks.setDone, { id: doneId, done: true });
  const gone = await http.mutation(api.tasks.add, { text: "deleted" });
  await http.mutation(api.tasks.remove, { id: gone });
  const before = await http.query(api.tasks.list, {});
  await standin.close();

  standin = await startConvexStandin({ dataFile, authProviders: providers() });
  const c = newClient(standin.url);
  try {
    c.setAuth(() => issuer.sign({ sub: "user_persist" }));
    const list = watch(c, api.tasks.list);
    const after = await list.value((v) => Array.isArray(v), "tasks after restart");
    assert.deepEqual(after, before);
    assert.equal(after.length, 2);
    // New documents get fresh ids, never one of the old ones.
    const newId = await c.mutation(api.tasks.add, { text: "after restart" });
    assert.ok(![doneId, gone, ...before.map((t) => t._id)].includes(newId));
  } finally {
    await cleanUp(() => c.close(), () => standin.close());
  }
});

test("reset empties the database and subscribers see it", async () => {
  const dataFile = join(dir, "reset.json");
  const standin = await startConvexStandin({ dataFile, authProviders: providers() });
  const c = newClient(standin.url);
  try {
    c.setAuth(() => issuer.sign({ sub: "user_reset" }));
    const list = watch(c, api.tasks.list);
    await c.mutation(api.tasks.add, { text: "to be reset" });
    await list.value((v) => v?.length === 1);
    const res = await fetch(`${standin.url}/__devstack/reset`, { method: "POST" });
    assert.equal(res.status, 200);
    await list.value((v) => v?.length === 0, "empty list after reset");
    const state = await (await fetch(`${standin.url}/__devstack/state`)).json();
    assert.equal(state.documents, 0);
    assert.equal(JSON.parse(readFileSync(dataFile, "utf8")).documents.length, 0);
  } finally {
    await cleanUp(() => c.close(), () => standin.close());
  }
});

test("a corrupt data file is a clear start-up error, and the file is left alone", async () => {
  const dataFile = join(dir, "corrupt.json");
  writeFileSync(dataFile, "{not json");
  await assert.rejects(startConvexStandin({ dataFile, authProviders: providers() }), /Cannot read data file/);
  assert.equal(readFileSync(dataFile, "utf8"), "{not json");
});

test("a data file that cannot be written, or holds a broken document, stops start-up with a clear error", async () => {
  await assert.rejects(
    startConvexStandin({ dataFile: join(dir, "no-such-dir", "data.json"), authProviders: providers() }),
    /Cannot write data file/,
  );
  const dataFile = join(dir, "broken-doc.json");
  const broken = JSON.stringify({ version: 1, nextDocId: 1, lastCreationTime: 0, lastTs: "0", documents: [{ text: "no id" }], sessionRequests: [] });
  writeFileSync(dataFile, broken);
  await assert.rejects(startConvexStandin({ dataFile, authProviders: providers() }), /without _id/);
  assert.equal(readFileSync(dataFile, "utf8"), broken);
});

test("the CLI prints a ready line, serves, keeps data across restarts and stops on SIGTERM", async () => {
  const dataFile = join(dir, "cli.json");
  const run = async () => {
    const child = recordChildOutput(spawn(process.execPath, [cliPath, "--data", dataFile, "--issuer", issuer.url], {
      stdio: ["ignore", "pipe", "pipe"],
    }), "devstack_convex_cli");
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const line = await withTimeout(
      new Promise((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`cli exited ${code}: ${stderr}`)));
      }),
      "CLI ready line",
    );
    const { convexUrl } = JSON.parse(line);
    assert.match(convexUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    return {
      convexUrl,
      stop: async () => {
        const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
        child.kill("SIGTERM");
        return withTimeout(exited, "CLI exit");
      },
    };
  };
  const first = await run();
  const http = new ConvexHttpClient(first.convexUrl);
  http.setAuth(await issuer.sign({ sub: "user_cli" }));
  const id = await http.mutation(api.tasks.add, { text: "cli task" });
  assert.deepEqual(await first.stop(), { code: 0, signal: null });

  const second = await run();
  try {
    const again = new ConvexHttpClient(second.convexUrl);
    again.setAuth(await issuer.sign({ sub: "user_cli" }));
    assert.deepEqual((await again.query(api.tasks.list, {})).map((t) => [t._id, t.text]), [[id, "cli task"]]);
  } finally {
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
  }
});
