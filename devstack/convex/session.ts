// SPDX-License-Identifier: MIT
// One sync WebSocket: parses client messages, keeps the exact per-socket StateVersion
// bookkeeping {querySet, identity, ts}, runs subscribed queries and pushes Transitions that
// carry only changed results (§2–§7 of the sync-protocol reference).
//
// Ordering: Connect/ModifyQuerySet/Authenticate/Mutation are handled strictly in arrival
// order (mutations one at a time); actions start in order but run concurrently. Transitions
// are computed by a separate loop that snapshots the versions at the start of each pass, so
// a Transition's endVersion always matches the query set and identity its results used.
import type { JSONValue, Value } from "convex/values";
import type { WebSocket } from "ws";
import type { UserIdentity, VerifiedToken } from "./auth";
import type { Outcome } from "./runtime";
import {
  argsJson, decodeArgs, decodeFailure, encodeOutcome, InternalError, ProtocolError, requirePath, requireU32,
  splitUtf8, UUID, wireVersion, type Msg, type Version,
} from "./syncmessages";
import { decodeU64, encodeU64, randomRequestId, wsRequestId } from "./wire";

/** What a socket needs from the stand-in. */
export interface SyncCore {
  latestTs(): bigint;
  /** Keeps the server clock at or above a timestamp the client has already seen. */
  observeTs(ts: bigint): void;
  verifyToken(token: string): Promise<VerifiedToken>;
  query(udfPath: string, args: Value, identity: UserIdentity | null, requestId: string): Promise<Outcome>;
  // mutate() runs (or replays, for a known sessionId|requestId) a mutation; ts is set on
  // success. Both mutate() and act() notify every other socket of the write; the calling
  // socket (origin) sends its own covering Transition after its response.
  mutate(
    key: string | null, udfPath: string, args: Value, identity: UserIdentity | null, requestId: string,
    origin: SyncSession,
  ): Promise<{ outcome: Outcome; ts: bigint | null }>;
  act(udfPath: string, args: Value, identity: UserIdentity | null, requestId: string, origin: SyncSession): Promise<Outcome>;
  chunkThreshold(): number;
  pingIntervalMs(): number;
  /** Statistics for /__devstack/state. */
  countTransition(chunks: number): void;
  log(message: string): void;
}

type Query = { udfPath: string; args: JSONValue; hash: string | null };

// WebSocket-level heartbeat of the backend: a ping frame every 5 s; a client that sends
// nothing at all (pongs included) for 120 s is disconnected.
const HEARTBEAT_MS = 5_000;
const CLIENT_TIMEOUT_MS = 120_000;

export class SyncSession {
  sessionId: string | null = null;
  private clockSkew: number | null = null;
  private querySetVersion = 0;
  private identityVersion = 0;
  private auth: VerifiedToken | null = null;
  private queries = new Map<number, Query>();
  private removed: number[] = [];
  private sent: Version = { querySet: 0, identity: 0, ts: 0n };
  private mustSend = false;
  private rerunAll = false;
  private loopRunning = false;
  private closed = false;
  private incoming: Promise<void> = Promise.resolve();
  private pingTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout;
  private lastHeard = Date.now();

  constructor(
    private readonly ws: WebSocket,
    private readonly core: SyncCore,
    private readonly chunkCapable: boolean,
    private readonly onClosed: (s: SyncSession) => void,
  ) {
    this.pingTimer = setTimeout(() => this.ping(), core.pingIntervalMs());
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    ws.on("pong", () => (this.lastHeard = Date.now()));
    ws.on("message", (data, isBinary) => {
      this.lastHeard = Date.now();
      const text = isBinary ? null : data.toString();
      this.incoming = this.incoming.then(() => this.handle(text));
    });
    ws.on("close", () => this.shutdown());
    ws.on("error", () => this.shutdown());
  }

  /** For /__devstack/state. */
  describe(): Record<string, unknown> {
    return {
      sessionId: this.sessionId,
      querySet: this.sent.querySet,
      identity: this.sent.identity,
      ts: this.sent.ts.toString(),
      queries: [...this.queries.entries()].map(([id, q]) => ({ queryId: id, udfPath: q.udfPath })),
      authenticated: this.auth !== null,
      subject: this.auth?.identity.subject ?? null,
    };
  }

  /** Another write happened: re-run every query, send only what changed. */
  onWrite(): void {
    this.rerunAll = true;
    this.kick();
  }

  /** Test control: behave as if the accepted token expired now. False if not signed in. */
  expireAuth(subject?: string): boolean {
    if (this.closed || this.auth === null) return false;
    if (subject !== undefined && this.auth.identity.subject !== subject) return false;
    this.authError("Convex token identity expired", false);
    return true;
  }

  /** Test control: send an arbitrary message as is (bookkeeping is not adjusted). */
  inject(message: Record<string, unknown>): void {
    this.send(message);
  }

  /** Close like a failing server (code given) or cut the connection (no code). */
  drop(code?: number, reason?: string): void {
    if (code === undefined) this.ws.terminate();
    else this.ws.close(code, reason);
    this.shutdown();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.pingTimer);
    clearInterval(this.heartbeat);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.onClosed(this);
  }

  private send(msg: Record<string, unknown>): void {
    if (this.closed) return;
    this.ws.send(JSON.stringify(msg));
    this.pingTimer.refresh();
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > CLIENT_TIMEOUT_MS) {
      this.core.log("sync: client silent for 120 s, disconnecting");
      this.ws.close(1000, "ClientDisconnect");
      this.shutdown();
      return;
    }
    this.ws.ping();
  }

  // Sent after pingIntervalMs without any other message (the backend's 15 s heartbeat).
  private ping(): void {
    if (this.closed) return;
    this.send({ type: "Ping" }); // send() re-arms the timer
  }

  private fatal(error: string): void {
    this.core.log(`sync: FatalError (${error})`);
    this.send({ type: "FatalError", error });
    this.ws.close(); // no status code, like the backend
    this.shutdown();
  }

  private authError(error: string, authUpdateAttempted: boolean): void {
    this.core.log(`sync: AuthError (${error})`);
    this.send({ type: "AuthError", error, baseVersion: this.sent.identity, authUpdateAttempted });
    this.ws.close();
    this.shutdown();
  }

  /** Returns false (after AuthError + close) once the accepted token has expired. */
  private checkExpiry(): boolean {
    if (this.auth !== null && Date.now() >= this.auth.expiresAtMs) {
      this.authError("Convex token identity expired", false);
      return false;
    }
    return true;
  }

  private async handle(text: string | null): Promise<void> {
    if (this.closed) return;
    try {
      if (text === null) throw new ProtocolError("Unexpected message type: binary frame");
      let msg: Msg;
      try {
        msg = JSON.parse(text) as Msg;
      } catch {
        throw new ProtocolError("WSMessageInvalidJson: message is not valid JSON");
      }
      if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
        throw new ProtocolError("WSMessageInvalidJson: message is not a JSON object");
      }
      switch (msg.type) {
        case "Connect": return this.onConnect(msg);
        case "ModifyQuerySet": return this.onModifyQuerySet(msg);
        case "Authenticate": return await this.onAuthenticate(msg);
        case "Mutation": return await this.onMutation(msg);
        case "Action": return this.onAction(msg);
        case "Event": return;
        default:
          throw new ProtocolError(`WSMessageInvalidJson: unknown message type ${JSON.stringify(msg.type)}`);
      }
    } catch (e) {
      if (e instanceof ProtocolError) this.fatal(e.message);
      else {
        this.core.log(`sync: closing socket with 1011 (${(e as Error).message})`);
        this.ws.close(1011, "InternalServerError");
        this.shutdown();
      }
    }
  }

  private onConnect(msg: Msg): void {
    if (typeof msg.sessionId !== "string" || !UUID.test(msg.sessionId)) {
      throw new ProtocolError("Invalid Connect message: sessionId must be a UUID");
    }
    this.sessionId = msg.sessionId.toLowerCase();
    if (Number.isInteger(msg.clientTs)) this.clockSkew = (msg.clientTs as number) - Date.now();
    // The real backend refuses a client that has seen a newer timestamp than its own (1011).
    // A stand-in restarted without its data file could be behind a client's clock, so it
    // moves its clock forward instead and keeps timestamps monotonic for that client.
    const observed = decodeU64(msg.maxObservedTimestamp);
    if (observed !== null) this.core.observeTs(observed);
  }

  private onModifyQuerySet(msg: Msg): void {
    const base = requireU32(msg, "baseVersion");
    const next = requireU32(msg, "newVersion");
    if (!Array.isArray(msg.modifications)) {
      throw new ProtocolError("Invalid ModifyQuerySet message: modifications must be an array");
    }
    if (base !== this.querySetVersion) {
      throw new ProtocolError(
        `Base version ${base} passed up doesn't match the current version ${this.querySetVersion}`,
      );
    }
    if (next <= base) throw new ProtocolError(`New version ${next} must be greater than ${base}`);
    // Validate everything before applying anything.
    const edits = (msg.modifications as Msg[]).map((m) => {
      if (typeof m !== "object" || m === null) throw new ProtocolError("Invalid query set modification");
      const queryId = requireU32(m, "queryId");
      if (m.type === "Add") return { add: true, queryId, udfPath: requirePath(m), args: argsJson(m) };
      if (m.type === "Remove") return { add: false, queryId, udfPath: "", args: null };
      throw new ProtocolError(`Invalid query set modification type ${JSON.stringify(m.type)}`);
    });
    for (const e of edits) {
      if (e.add) {
        if (this.queries.has(e.queryId)) throw new InternalError(`Duplicate query id ${e.queryId}`);
        this.queries.set(e.queryId, { udfPath: e.udfPath, args: e.args, hash: null });
      } else {
        if (!this.queries.delete(e.queryId)) throw new InternalError(`Removing unknown query id ${e.queryId}`);
        this.removed.push(e.queryId);
      }
    }
    this.querySetVersion = next;
    this.requestTransition();
  }

  private async onAuthenticate(msg: Msg): Promise<void> {
    const base = requireU32(msg, "baseVersion");
    if (base !== this.identityVersion) {
      throw new InternalError(`Identity base version ${base} doesn't match ${this.identityVersion}`);
    }
    let auth: VerifiedToken | null = null;
    if (msg.tokenType === "User") {
      if (typeof msg.value !== "string") throw new ProtocolError("Invalid Authenticate message: value");
      try {
        auth = await this.core.verifyToken(msg.value);
      } catch (e) {
        this.authError((e as Error).message, true);
        return;
      }
    } else if (msg.tokenType === "Admin") {
      this.authError("Admin keys are not supported by the local Convex stand-in", true);
      return;
    } else if (msg.tokenType !== "None") {
      throw new ProtocolError(`Invalid Authenticate message: tokenType ${JSON.stringify(msg.tokenType)}`);
    }
    if (this.closed) return;
    this.auth = auth;
    this.identityVersion += 1;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    if (auth !== null) {
      const delay = Math.min(Math.max(0, auth.expiresAtMs - Date.now()), 0x7fffffff);
      this.expiryTimer = setTimeout(() => this.checkExpiry(), delay);
    }
    this.rerunAll = true; // every identity change re-runs all queries
    this.requestTransition();
  }

  private async onMutation(msg: Msg): Promise<void> {
    const requestId = requireU32(msg, "requestId");
    const udfPath = requirePath(msg);
    const args = argsJson(msg);
    if (!this.checkExpiry()) return;
    const rid = this.sessionId ? wsRequestId(this.sessionId, requestId) : randomRequestId();
    const key = this.sessionId ? `${this.sessionId}|${requestId}` : null;
    const decoded = decodeArgs(args);
    const { outcome, ts } =
      "error" in decoded
        ? { outcome: decodeFailure(rid, decoded.error), ts: null }
        : await this.core.mutate(key, udfPath, decoded.value, this.identity(), rid, this);
    if (this.closed) return;
    this.send({
      type: "MutationResponse",
      requestId,
      ...encodeOutcome(outcome),
      ts: ts === null ? null : encodeU64(ts),
    });
    // The client resolves a mutation only once a Transition reaches its ts: always send one.
    if (outcome.success) {
      this.rerunAll = true;
      this.requestTransition();
    }
  }

  private onAction(msg: Msg): void {
    const requestId = requireU32(msg, "requestId");
    const udfPath = requirePath(msg);
    const args = argsJson(msg);
    if (!this.checkExpiry()) return;
    const rid = this.sessionId ? wsRequestId(this.sessionId, requestId) : randomRequestId();
    const decoded = decodeArgs(args);
    const identity = this.identity();
    void (async () => {
      let outcome: Outcome;
      try {
        outcome =
          "error" in decoded ? decodeFailure(rid, decoded.error) : await this.core.act(udfPath, decoded.value, identity, rid, this);
      } catch (e) {
        outcome = { success: false, errorMessage: `[Request ID: ${rid}] Server Error`, logLines: [] };
        this.core.log(`action ${udfPath} failed inside the stand-in: ${(e as Error).stack ?? e}`);
      }
      this.send({ type: "ActionResponse", requestId, ...encodeOutcome(outcome) });
      this.rerunAll = true; // the action may have written through ctx.runMutation
      this.requestTransition();
    })();
  }

  private identity(): UserIdentity | null {
    return this.auth?.identity ?? null;
  }

  private requestTransition(): void {
    this.mustSend = true;
    this.kick();
  }

  private kick(): void {
    if (this.loopRunning || this.closed) return;
    this.loopRunning = true;
    void (async () => {
      try {
        while (!this.closed && (this.mustSend || this.rerunAll)) await this.transition();
      } catch (e) {
        this.core.log(`sync: transition failed: ${(e as Error).stack ?? e}`);
        this.ws.close(1011, "InternalServerError");
        this.shutdown();
      } finally {
        this.loopRunning = false;
      }
    })();
  }

  private async transition(): Promise<void> {
    if (!this.checkExpiry()) return;
    const force = this.mustSend;
    const rerunAll = this.rerunAll;
    this.mustSend = false;
    this.rerunAll = false;
    const end: Version = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts: this.core.latestTs() > this.sent.ts ? this.core.latestTs() : this.sent.ts,
    };
    const identity = this.identity();
    const removed = this.removed.splice(0);
    const modifications: (Record<string, unknown> & { queryId: number })[] = removed.map((queryId) => ({
      type: "QueryRemoved",
      queryId,
    }));
    const toRun = [...this.queries.entries()].filter(([, q]) => rerunAll || q.hash === null);
    for (const [queryId, q] of toRun) {
      const decoded = decodeArgs(q.args);
      const rid = wsRequestId(this.sessionId ?? "00000000-0000-0000-0000-000000000000", 0x80000000 + queryId);
      const outcome =
        "error" in decoded ? decodeFailure(rid, decoded.error) : await this.core.query(q.udfPath, decoded.value, identity, rid);
      if (this.closed) return;
      if (this.queries.get(queryId) !== q) continue; // removed meanwhile; QueryRemoved follows
      const encoded = encodeOutcome(outcome);
      const hash = JSON.stringify(encoded);
      if (hash === q.hash) continue;
      q.hash = hash;
      modifications.push(
        encoded.success
          ? { type: "QueryUpdated", queryId, value: encoded.result, logLines: encoded.logLines, journal: null }
          : {
              type: "QueryFailed",
              queryId,
              errorMessage: encoded.result,
              logLines: encoded.logLines,
              journal: null,
              ...("errorData" in encoded ? { errorData: encoded.errorData } : {}),
            },
      );
    }
    const unchanged =
      modifications.length === 0 && end.querySet === this.sent.querySet && end.identity === this.sent.identity;
    if (!force && unchanged) return;
    modifications.sort((a, b) => a.queryId - b.queryId);
    const message = {
      type: "Transition",
      startVersion: wireVersion(this.sent),
      endVersion: wireVersion(end),
      modifications,
      clientClockSkew: this.clockSkew,
      serverTs: Date.now() * 1_000_000,
    };
    // The next Transition must start at exactly this version: clients reject any other start
    // ("Invalid start version"). Only this loop may move it (test: convex-stress.test.mjs).
    this.sent = end;
    this.sendTransition(message);
  }

  // Transitions above the threshold go out as TransitionChunks to clients that understand
  // them: pieces of at most `threshold` bytes, never splitting a UTF-8 sequence.
  private sendTransition(message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    const threshold = this.core.chunkThreshold();
    const bytes = Buffer.from(text, "utf8");
    if (!this.chunkCapable || bytes.length <= threshold) {
      this.send(message);
      this.core.countTransition(0);
      return;
    }
    const parts = splitUtf8(bytes, threshold);
    parts.forEach((chunk, partNumber) =>
      this.send({
        type: "TransitionChunk",
        chunk,
        partNumber,
        totalParts: parts.length,
        transitionId: String(bytes.length),
      }),
    );
    this.core.countTransition(parts.length);
  }
}

