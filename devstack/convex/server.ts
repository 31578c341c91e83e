// SPDX-License-Identifier: MIT
// The local Convex stand-in: the sample backend (convex/) run by convex-test behind the real
// sync protocol (WebSocket /api/<version>/sync and /api/sync), the HTTP API, and test
// controls under /__devstack/. See devstack/README.md, section "Convex stand-in".
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { WebSocketServer } from "ws";
import { TokenVerifier, type AuthProvider, type UserIdentity, type VerifiedToken } from "./auth";
import { handleFunctionCall, readBody, sendJson } from "./httpapi";
import { ConvexRuntime, type DataFileContents, type FunctionKind, type Outcome } from "./runtime";
import { SyncSession, type SyncCore } from "./session";
import { Clock } from "./wire";

export type { AuthProvider, UserIdentity } from "./auth";
// For tests of the claim mapping.
export { identityFromClaims } from "./auth";

export type ConvexStandinOptions = {
  port?: number;
  host?: string;
  /** JSON file holding every document; loaded at start, rewritten after each write. */
  dataFile?: string;
  /** Defaults to convex/auth.config.ts (its domain comes from env CLERK_ISSUER_URL). */
  authProviders?: AuthProvider[];
  /** Transitions larger than this many bytes go out as TransitionChunks (default 5,000,000). */
  transitionChunkThreshold?: number;
  /** Idle time before a `{"type":"Ping"}` (default 15,000 ms, like the backend). */
  pingIntervalMs?: number;
  /** Per-event diagnostics (never tokens or message bodies) to this sink. */
  log?: (line: string) => void;
};

export type ConvexStandin = {
  url: string;
  port: number;
  close(): Promise<void>;
};

const DEFAULT_CHUNK_THRESHOLD = 5_000_000;
const DEFAULT_PING_MS = 15_000;
const MAX_REMEMBERED_MUTATIONS = 10_000;
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

type StoredMutation = { outcome: Outcome; ts: bigint | null };

class Core implements SyncCore {
  readonly clock = new Clock();
  readonly sessions = new Set<SyncSession>();
  // (sessionId|requestId) -> result of successful WebSocket mutations, like _session_requests.
  private mutations = new Map<string, StoredMutation>();
  readonly stats = { transitions: 0, chunkedTransitions: 0, transitionChunks: 0 };

  constructor(
    readonly runtime: ConvexRuntime,
    private readonly verifier: TokenVerifier,
    private threshold: number,
    private pingMs: number,
    readonly log: (line: string) => void,
  ) {}

  restore(data: Partial<DataFileContents> | null): void {
    this.clock.next();
    if (data === null) return;
    if (typeof data.lastTs === "string") this.clock.atLeast(BigInt(data.lastTs));
    for (const [key, stored] of data.sessionRequests ?? []) {
      this.mutations.set(key, {
        outcome: { success: true, value: jsonToConvex(stored.result), logLines: [] },
        ts: BigInt(stored.ts),
      });
    }
  }

  latestTs(): bigint {
    return this.clock.latest;
  }
  observeTs(ts: bigint): void {
    this.clock.atLeast(ts);
  }
  chunkThreshold(): number {
    return this.threshold;
  }
  countTransition(chunks: number): void {
    this.stats.transitions += 1;
    if (chunks > 0) {
      this.stats.chunkedTransitions += 1;
      this.stats.transitionChunks += chunks;
    }
  }
  pingIntervalMs(): number {
    return this.pingMs;
  }
  setPingIntervalMs(ms: number): void {
    this.pingMs = ms;
  }
  setChunkThreshold(bytes: number): void {
    this.threshold = bytes;
  }
  verifyToken(token: string): Promise<VerifiedToken> {
    return this.verifier.verify(token);
  }
  query(udfPath: string, args: Value, identity: UserIdentity | null, requestId: string): Promise<Outcome> {
    return this.runtime.run("query", udfPath, args, identity, requestId);
  }

  async mutate(
    key: string | null, udfPath: string, args: Value, identity: UserIdentity | null, requestId: string,
    origin: SyncSession | null,
  ): Promise<StoredMutation> {
    const known = key === null ? undefined : this.mutations.get(key);
    if (known !== undefined) {
      this.log(`mutation ${udfPath}: already executed for this session and request id, replaying`);
      return known;
    }
    const outcome = await this.runtime.run("mutation", udfPath, args, identity, requestId);
    if (!outcome.success) return { outcome, ts: null };
    const stored = { outcome, ts: this.clock.next() };
    if (key !== null) {
      this.mutations.set(key, stored);
      if (this.mutations.size > MAX_REMEMBERED_MUTATIONS) {
        this.mutations.delete(this.mutations.keys().next().value as string);
      }
    }
    this.written(origin);
    return stored;
  }

  async act(
    udfPath: string, args: Value, identity: UserIdentity | null, requestId: string, origin: SyncSession | null,
  ): Promise<Outcome> {
    const outcome = await this.runtime.run("action", udfPath, args, identity, requestId);
    // Writes an action made through ctx.runMutation are only noticed once it finishes.
    this.clock.next();
    this.written(origin);
    return outcome;
  }

  runHttp(kind: FunctionKind, udfPath: string, args: Value, identity: UserIdentity | null, requestId: string) {
    if (kind === "query") return this.query(udfPath, args, identity, requestId);
    if (kind === "action") return this.act(udfPath, args, identity, requestId, null);
    return this.mutate(null, udfPath, args, identity, requestId, null).then((r) => r.outcome);
  }

  /** After every write: persist, and let every other socket re-run its queries. */
  written(origin: SyncSession | null): void {
    this.save();
    for (const s of this.sessions) if (s !== origin) s.onWrite();
  }

  async reset(): Promise<void> {
    await this.runtime.reset();
    this.mutations.clear();
    this.clock.next();
    this.written(null);
  }

  save(): void {
    const remembered: DataFileContents["sessionRequests"] = [];
    for (const [key, m] of this.mutations) {
      if (m.outcome.success && m.ts !== null) {
        remembered.push([key, { result: convexToJson(m.outcome.value), ts: m.ts.toString() }]);
      }
    }
    this.runtime.save(this.clock.latest, remembered);
  }
}


async function defaultProviders(): Promise<AuthProvider[]> {
  // Loaded lazily so that CLERK_ISSUER_URL is read when the stand-in starts.
  const config = (await import("../../convex/auth.config")).default as { providers: AuthProvider[] };
  const usable = config.providers.filter((p) => (p.type === "customJwt" ? p.issuer : p.domain));
  if (usable.length < config.providers.length) {
    process.stderr.write(
      "[convex-standin] warning: convex/auth.config.ts has a provider without a domain " +
        "(is CLERK_ISSUER_URL set?); every token will be rejected by it\n",
    );
  }
  return usable;
}

// npm clients >= 1.28.0 (known from the URL version or a Convex-Client header) get chunks.
function isChunkCapable(req: IncomingMessage, pathVersion: string | null): boolean {
  const header = req.headers["convex-client"];
  let name = "npm";
  let version = pathVersion;
  if (typeof header === "string") {
    const dash = header.indexOf("-");
    name = header.slice(0, dash);
    version = header.slice(dash + 1);
  }
  const m = version === null ? null : SEMVER.exec(version);
  if (name !== "npm" || m === null) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || (major === 1 && minor >= 28);
}

/** Starts the stand-in; resolves once it accepts connections. */
export async function startConvexStandin(options: ConvexStandinOptions = {}): Promise<ConvexStandin> {
  const log = options.log ?? (() => {});
  const runtime = new ConvexRuntime(options.dataFile);
  const data = await runtime.init();
  const providers = options.authProviders ?? (await defaultProviders());
  const verifier = new TokenVerifier(providers);
  const core = new Core(runtime, verifier, options.transitionChunkThreshold ?? DEFAULT_CHUNK_THRESHOLD,
    options.pingIntervalMs ?? DEFAULT_PING_MS, log);
  try {
    core.restore(data);
  } catch (e) {
    throw new Error(`Data file ${options.dataFile} is damaged: ${(e as Error).message}`);
  }
  try {
    core.save(); // fail now, not on the first write, if the data file cannot be written
  } catch (e) {
    throw new Error(`Cannot write data file ${options.dataFile}: ${(e as Error).message}`);
  }

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    handleRequest(req, res, core, verifier).catch((e: Error) => {
      if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: e.message });
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const m = /^\/api\/(?:([^/]+)\/)?sync$/.exec(path);
    const header = req.headers["convex-client"];
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (m === null) return reject("404 Not Found");
    if ((m[1] !== undefined && !SEMVER.test(m[1])) || (typeof header === "string" && !header.includes("-"))) {
      return reject("400 Bad Request");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new SyncSession(ws, core, isChunkCapable(req, m[1] ?? null), (s) => core.sessions.delete(s));
      core.sessions.add(session);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: async () => {
      for (const s of [...core.sessions]) s.drop();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, core: Core, verifier: TokenVerifier) {
  const url = new URL(req.url ?? "/", "http://x");
  const fn = /^\/api\/(query|mutation|action)$/.exec(url.pathname);
  if (fn !== null) return handleFunctionCall(fn[1] as FunctionKind, req, res, url, core);
  if (url.pathname.startsWith("/__devstack/")) return handleControl(url.pathname.slice(12), req, res, core, verifier);
  if (url.pathname === "/" || url.pathname === "/version") {
    return sendJson(res, 200, { service: "qonvex-convex-standin" });
  }
  sendJson(res, 404, { code: "NotFound", message: `No route for ${url.pathname}` });
}

async function handleControl(name: string, req: IncomingMessage, res: ServerResponse, core: Core, verifier: TokenVerifier) {
  let body: Record<string, unknown> = {};
  if (req.method === "POST") {
    const text = await readBody(req);
    try {
      body = text.trim() === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return sendJson(res, 400, { code: "BadJsonBody", message: "Body must be JSON" });
    }
  }
  switch (name) {
    case "state":
      return sendJson(res, 200, {
        connections: core.sessions.size,
        sessions: [...core.sessions].map((s) => s.describe()),
        documents: core.runtime.documentCount(),
        tables: core.runtime.tables(),
        ts: core.latestTs().toString(),
        ...core.stats,
      });
    case "reset":
      if (req.method !== "POST") break;
      await core.reset();
      verifier.clearCache();
      return sendJson(res, 200, { ok: true });
    case "drop-connections": {
      if (req.method !== "POST") break;
      const code = typeof body.code === "number" ? body.code : undefined;
      const reason = typeof body.reason === "string" ? body.reason : undefined;
      const sessions = [...core.sessions];
      for (const s of sessions) s.drop(code, reason);
      return sendJson(res, 200, { dropped: sessions.length });
    }
    case "expire-auth": {
      if (req.method !== "POST") break;
      const subject = typeof body.subject === "string" ? body.subject : undefined;
      const expired = [...core.sessions].filter((s) => s.expireAuth(subject)).length;
      return sendJson(res, 200, { expired });
    }
    case "inject": {
      if (req.method !== "POST") break;
      const message = body.message;
      if (typeof message !== "object" || message === null || Array.isArray(message)) {
        return sendJson(res, 400, { code: "BadMessage", message: "body.message must be a JSON object" });
      }
      const sessions = [...core.sessions];
      for (const s of sessions) s.inject(message as Record<string, unknown>);
      return sendJson(res, 200, { sent: sessions.length });
    }
    case "config":
      if (req.method !== "POST") break;
      for (const key of ["transitionChunkThreshold", "pingIntervalMs"]) {
        const n = body[key];
        if (n !== undefined && (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 0x7fffffff)) {
          return sendJson(res, 400, { code: "BadConfig", message: `${key} must be a positive integer` });
        }
      }
      if (body.transitionChunkThreshold !== undefined) core.setChunkThreshold(body.transitionChunkThreshold as number);
      if (body.pingIntervalMs !== undefined) core.setPingIntervalMs(body.pingIntervalMs as number);
      return sendJson(res, 200, { transitionChunkThreshold: core.chunkThreshold(), pingIntervalMs: core.pingIntervalMs() });
    default:
      return sendJson(res, 404, { code: "NotFound", message: `Unknown control ${name}` });
  }
  sendJson(res, 405, { code: "MethodNotAllowed", message: `${name} needs POST` });
}
