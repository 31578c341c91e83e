// SPDX-License-Identifier: MIT
// Wire-level checks of the Convex stand-in's sync protocol with a raw WebSocket: version
// bookkeeping, MutationResponse/Transition order, change-only results, errors, chunking.
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CONNECT, loadStandin, openSocket, startIssuer, u64, cleanUp, test } from "../convex/test-support.mjs";

const ZERO = { querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" };

describe("Convex stand-in sync protocol", () => {
  let issuer;
  let standin;
  const sockets = [];
  const open = async (...a) => {
    const s = await openSocket(standin.url, ...a);
    sockets.push(s);
    return s;
  };
  const control = async (name, body) => {
    const res = await fetch(`${standin.url}/__devstack/${name}`, {
      method: body === undefined ? "GET" : "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(res.status, 200, `${name} -> ${res.status}`);
    return res.json();
  };
  // Connect + Authenticate(user) and wait for the identity-confirming Transition.
  const signedIn = async (sub, sessionId = randomUUID()) => {
    const s = await open();
    s.send(CONNECT(sessionId));
    s.send({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: await issuer.sign({ sub }) });
    const t = await s.next((m) => m.type === "Transition");
    assert.deepEqual(t.endVersion.identity, 1);
    return { s, version: t.endVersion };
  };

  before(async () => {
    issuer = await startIssuer();
    const { startConvexStandin } = await loadStandin();
    standin = await startConvexStandin({
      authProviders: [{ domain: issuer.url, applicationID: "convex" }],
      pingIntervalMs: 300,
    });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await cleanUp(() => standin.close(), () => issuer.close());
  });

  test("first Transition starts at {0,0,0} and carries the subscribed result", async () => {
    const s = await open();
    s.send(CONNECT());
    s.send({
      type: "ModifyQuerySet", baseVersion: 0, newVersion: 1,
      modifications: [{ type: "Add", queryId: 7, udfPath: "debug:echo", args: [{ value: { n: { $integer: "BQAAAAAAAAA=" } } }] }],
    });
    const t = await s.next((m) => m.type === "Transition");
    assert.deepEqual(t.startVersion, ZERO);
    assert.equal(t.endVersion.querySet, 1);
    assert.equal(t.endVersion.identity, 0);
    assert.ok(u64(t.endVersion.ts) > 0n);
    assert.deepEqual(t.modifications, [
      { type: "QueryUpdated", queryId: 7, value: { n: { $integer: "BQAAAAAAAAA=" } }, logLines: [], journal: null },
    ]);
    assert.equal(typeof t.serverTs, "number");
    assert.equal(typeof t.clientClockSkew, "number");

    // Removing it: next Transition continues exactly from the previous endVersion.
    s.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: [{ type: "Remove", queryId: 7 }] });
    const t2 = await s.next((m) => m.type === "Transition");
    assert.deepEqual(t2.startVersion, t.endVersion);
    assert.equal(t2.endVersion.querySet, 2);
    assert.deepEqual(t2.modifications, [{ type: "QueryRemoved", queryId: 7 }]);
  });

  test("unauthenticated tasks:list fails with ConvexError data (QueryFailed.errorData)", async () => {
    const s = await open();
    s.send(CONNECT());
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "tasks:list", args: [{}] }] });
    const t = await s.next((m) => m.type === "Transition");
    const [failed] = t.modifications;
    assert.equal(failed.type, "QueryFailed");
    assert.equal(failed.errorData.code, "UNAUTHENTICATED");
    assert.match(failed.errorMessage, /ConvexError/);
  });

  test("MutationResponse comes first, then a Transition whose ts covers it; only changed results are sent", async () => {
    const { s, version } = await signedIn("proto-user-1");
    s.send({
      type: "ModifyQuerySet", baseVersion: 0, newVersion: 1,
      modifications: [
        { type: "Add", queryId: 0, udfPath: "tasks:list", args: [{}] },
        { type: "Add", queryId: 1, udfPath: "users:me", args: [{}] },
      ],
    });
    const initial = await s.next((m) => m.type === "Transition");
    assert.deepEqual(initial.startVersion, version);
    assert.deepEqual(initial.modifications.map((m) => m.queryId), [0, 1]);
    assert.deepEqual(initial.modifications[0].value, []);

    s.send({ type: "Mutation", requestId: 0, udfPath: "tasks:add", args: [{ text: "wire task" }] });
    const response = await s.next((m) => m.type === "MutationResponse" || m.type === "Transition");
    assert.equal(response.type, "MutationResponse", "response must precede the covering Transition");
    assert.equal(response.success, true);
    assert.equal(typeof response.result, "string");
    const covering = await s.next((m) => m.type === "Transition" && u64(m.endVersion.ts) >= u64(response.ts));
    assert.ok(covering.modifications.every((m) => m.queryId === 0), "users:me did not change, so it is not re-sent");
    const tasks = [initial, covering].flatMap((t) => t.modifications).filter((m) => m.queryId === 0).at(-1).value;
    assert.deepEqual(tasks.map((t) => [t._id, t.text, t.done]), [[response.result, "wire task", false]]);
  });

  test("another socket's mutation reaches a subscriber; other users see nothing of it", async () => {
    const a = await signedIn("proto-user-2");
    const b = await signedIn("proto-user-2");
    const stranger = await signedIn("proto-user-3");
    for (const { s } of [a, stranger]) {
      s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "tasks:list", args: [{}] }] });
      await s.next((m) => m.type === "Transition" && m.modifications.length === 1);
    }
    b.s.send({ type: "Mutation", requestId: 0, udfPath: "tasks:add", args: [{ text: "from b" }] });
    const update = await a.s.next((m) => m.type === "Transition" && m.modifications.length > 0);
    assert.deepEqual(update.modifications[0].value.map((t) => t.text), ["from b"]);
    // The stranger's socket gets a Transition only if its result changed: it did not.
    stranger.s.send({ type: "Mutation", requestId: 0, udfPath: "tasks:add", args: [{ text: "mine" }] });
    const own = await stranger.s.next((m) => m.type === "Transition" && m.modifications.length > 0);
    assert.deepEqual(own.modifications[0].value.map((t) => t.text), ["mine"]);
  });

  test("a re-sent mutation (same sessionId and requestId) is not executed twice", async () => {
    const sessionId = randomUUID();
    const first = await signedIn("proto-dedup", sessionId);
    first.s.send({ type: "Mutation", requestId: 5, udfPath: "tasks:add", args: [{ text: "once" }] });
    const r1 = await first.s.next((m) => m.type === "MutationResponse");
    first.s.close();
    const second = await signedIn("proto-dedup", sessionId); // reconnect, same session
    second.s.send({ type: "Mutation", requestId: 5, udfPath: "tasks:add", args: [{ text: "once" }] });
    const r2 = await second.s.next((m) => m.type === "MutationResponse");
    assert.equal(r2.success, true);
    assert.equal(r2.result, r1.result);
    assert.equal(r2.ts, r1.ts);
    second.s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "tasks:list", args: [{}] }] });
    const t = await second.s.next((m) => m.type === "Transition" && m.modifications.length > 0);
    assert.deepEqual(t.modifications[0].value.map((x) => x.text), ["once"]);
  });

  test("failed mutation: success false, ts null, errorData; ActionResponse carries log lines", async () => {
    const { s } = await signedIn("proto-errors");
    s.send({ type: "Mutation", requestId: 0, udfPath: "tasks:add", args: [{ text: "" }] });
    const r = await s.next((m) => m.type === "MutationResponse");
    assert.equal(r.success, false);
    assert.equal(r.ts, null);
    assert.equal(r.errorData.code, "INVALID");
    assert.match(r.result, /^\[Request ID: [0-9a-f]{16}\] Server Error\n/);

    s.send({ type: "Action", requestId: 1, udfPath: "debug:slowEcho", args: [{ value: "x", ms: 1 }] });
    const a = await s.next((m) => m.type === "ActionResponse");
    assert.equal(a.success, true);
    assert.equal(a.result, "x");
    assert.equal(a.ts, undefined);
    assert.deepEqual(a.logLines, ["[LOG] 'slowEcho waited 1 ms'"]);

    s.send({ type: "Mutation", requestId: 2, udfPath: "tasks:nope", args: [{}] });
    const missing = await s.next((m) => m.type === "MutationResponse");
    assert.equal(missing.success, false);
    assert.match(missing.result, /Could not find public function for 'tasks:nope'/);
  });

  for (const [name, message, expected] of [
    ["invalid JSON", "{nope", /JSON/],
    ["an unknown message type", { type: "Bogus" }, /unknown message type/],
    ["a base version mismatch", { type: "ModifyQuerySet", baseVersion: 3, newVersion: 4, modifications: [] }, /Base version 3 passed up doesn't match the current version 0/],
    ["an invalid udfPath", { type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "tasks.ts:list", args: [{}] }] }, /Invalid/],
    ["a non-integer counter", { type: "Mutation", requestId: 1.5, udfPath: "tasks:add", args: [{ text: "x" }] }, /u32/],
  ]) {
    test(`FatalError then close without status for ${name}`, async () => {
      const s = await open();
      s.send(CONNECT());
      s.send(message);
      const fatal = await s.next();
      assert.equal(fatal.type, "FatalError");
      assert.match(fatal.error, expected);
      assert.equal((await s.closed).code, 1005);
    });
  }

  test("Authenticate: identity version bookkeeping, re-run on identity change, logout with None", async () => {
    const s = await open();
    s.send(CONNECT());
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "users:me", args: [{}] }] });
    const anon = await s.next((m) => m.type === "Transition");
    assert.equal(anon.modifications[0].value, null);
    s.send({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: await issuer.sign({ sub: "proto-auth", claims: { email_verified: true, updated_at: 0, org: "acme" } }) });
    const authed = await s.next((m) => m.type === "Transition");
    assert.deepEqual(authed.startVersion, anon.endVersion);
    assert.equal(authed.endVersion.identity, 1);
    assert.equal(authed.modifications[0].value.tokenIdentifier, `${issuer.url}|proto-auth`);
    s.send({ type: "Authenticate", baseVersion: 1, tokenType: "None" });
    const out = await s.next((m) => m.type === "Transition");
    assert.equal(out.endVersion.identity, 2);
    assert.deepEqual(out.modifications, [{ type: "QueryUpdated", queryId: 0, value: null, logLines: [], journal: null }]);
  });

  for (const [name, token, expected] of [
    ["a token signed by an unknown key", async () => issuer.sign({ sub: "x", key: (await (await import("jose")).generateKeyPair("RS256")).privateKey }), /verify/],
    ["a wrong audience", () => issuer.sign({ sub: "x", aud: "other" }), /No auth provider/],
    ["an expired token", () => issuer.sign({ sub: "x", iat: 1000, exp: 2000 }), /expired/],
    ["garbage", async () => "not.a.jwt", /JWT/],
  ]) {
    test(`AuthError(authUpdateAttempted) then close without status for ${name}`, async () => {
      const s = await open();
      s.send(CONNECT());
      s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
      await s.next((m) => m.type === "Transition");
      s.send({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: await token() });
      const err = await s.next();
      assert.equal(err.type, "AuthError");
      assert.equal(err.authUpdateAttempted, true);
      assert.equal(err.baseVersion, 0);
      assert.match(err.error, expected);
      assert.equal((await s.closed).code, 1005);
    });
  }

  test("a token signed with a rotated key is accepted right away (JWKS refetched for an unknown kid)", async () => {
    await signedIn("before-rotation");
    await issuer.rotateKey();
    const { s } = await signedIn("after-rotation");
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "users:me", args: [{}] }] });
    const t = await s.next((m) => m.type === "Transition" && m.modifications.length === 1);
    assert.equal(t.modifications[0].value.subject, "after-rotation");
  });

  test("a token expiring mid-session gets AuthError(authUpdateAttempted: false) and close", async () => {
    const now = Math.floor(Date.now() / 1000);
    const s = await open();
    s.send(CONNECT());
    s.send({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: await issuer.sign({ sub: "short", iat: now, exp: now + 1 }) });
    const t = await s.next((m) => m.type === "Transition");
    assert.equal(t.endVersion.identity, 1);
    const err = await s.next((m) => m.type === "AuthError");
    assert.deepEqual(err, { type: "AuthError", error: "Convex token identity expired", baseVersion: 1, authUpdateAttempted: false });
    assert.equal((await s.closed).code, 1005);
  });

  test("timestamps never go behind the client's maxObservedTimestamp", async () => {
    const future = (BigInt(Date.now()) + 3_600_000n) * 1_000_000n;
    const buf = Buffer.alloc(8);
    buf.writeBigUInt64LE(future);
    const s = await open();
    s.send({ ...CONNECT(), maxObservedTimestamp: buf.toString("base64") });
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
    const t = await s.next((m) => m.type === "Transition");
    assert.ok(u64(t.endVersion.ts) >= future);
  });

  test("Ping after the idle interval; the interval is configurable for new sockets", async () => {
    const s = await open();
    s.send(CONNECT());
    assert.deepEqual(await s.next((m) => m.type === "Ping"), { type: "Ping" });
    const bad = await fetch(`${standin.url}/__devstack/config`, { method: "POST", body: JSON.stringify({ pingIntervalMs: 0 }) });
    assert.equal(bad.status, 400);
    assert.equal((await control("config", { pingIntervalMs: 50 })).pingIntervalMs, 50);
    try {
      const fast = await open();
      fast.send(CONNECT());
      await fast.next((m) => m.type === "Ping");
      await fast.next((m) => m.type === "Ping");
    } finally {
      await control("config", { pingIntervalMs: 300 });
    }
  });

  test("large transitions go out as TransitionChunks that reassemble; /api/sync gets them whole", async () => {
    await control("config", { transitionChunkThreshold: 1000 });
    try {
      const big = "é".repeat(1500); // 3000 bytes of two-byte characters: cuts must respect UTF-8
      const add = { type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "debug:echo", args: [{ value: big }] }] };
      const s = await open();
      s.send(CONNECT());
      s.send(add);
      const chunks = [await s.next((m) => m.type === "TransitionChunk")];
      while (chunks.length < chunks[0].totalParts) chunks.push(await s.next());
      assert.ok(chunks.length >= 3);
      chunks.forEach((c, i) => {
        assert.equal(c.type, "TransitionChunk");
        assert.equal(c.partNumber, i);
        assert.ok(Buffer.byteLength(c.chunk) <= 1000);
      });
      const text = chunks.map((c) => c.chunk).join("");
      assert.equal(chunks[0].transitionId, String(Buffer.byteLength(text)));
      const t = JSON.parse(text);
      assert.equal(t.type, "Transition");
      assert.equal(t.modifications[0].value, big);

      const plain = await open("/api/sync");
      plain.send(CONNECT());
      plain.send(add);
      const whole = await plain.next();
      assert.equal(whole.type, "Transition");
      assert.equal(whole.modifications[0].value, big);
    } finally {
      await control("config", { transitionChunkThreshold: 5_000_000 });
    }
  });

  test("a threshold smaller than one character still yields whole characters per chunk", async () => {
    await control("config", { transitionChunkThreshold: 1 });
    try {
      const s = await open();
      s.send(CONNECT());
      s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "debug:echo", args: [{ value: "€é" }] }] });
      const chunks = [await s.next((m) => m.type === "TransitionChunk")];
      while (chunks.length < chunks[0].totalParts) chunks.push(await s.next());
      assert.ok(chunks.some((c) => c.chunk === "€"));
      assert.ok(chunks.every((c) => Buffer.byteLength(c.chunk) === 1 || [..."€é"].includes(c.chunk)));
      assert.equal(JSON.parse(chunks.map((c) => c.chunk).join("")).modifications[0].value, "€é");
    } finally {
      await control("config", { transitionChunkThreshold: 5_000_000 });
    }
  });

  test("drop-connections cuts sockets; state lists sessions", async () => {
    const sessionId = randomUUID();
    const s = await open();
    s.send(CONNECT(sessionId));
    s.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 3, udfPath: "users:me", args: [{}] }] });
    await s.next((m) => m.type === "Transition");
    const state = await control("state");
    const mine = state.sessions.find((x) => x.sessionId === sessionId);
    assert.deepEqual(mine.queries, [{ queryId: 3, udfPath: "users:me" }]);
    assert.equal(mine.querySet, 1);
    const { dropped } = await control("drop-connections", { code: 1011, reason: "InternalServerError" });
    assert.ok(dropped >= 1);
    assert.deepEqual(await s.closed, { code: 1011, reason: "InternalServerError" });
  });

  test("expire-auth and inject controls", async () => {
    const victim = await signedIn("expire-me");
    const bystander = await signedIn("keep-me");
    const { expired } = await control("expire-auth", { subject: "expire-me" });
    assert.equal(expired, 1);
    const err = await victim.s.next((m) => m.type === "AuthError");
    assert.equal(err.authUpdateAttempted, false);
    assert.equal(err.baseVersion, 1);
    assert.equal((await victim.s.closed).code, 1005);

    const { sent } = await control("inject", { message: { type: "FatalError", error: "injected" } });
    assert.ok(sent >= 1);
    assert.deepEqual(await bystander.s.next((m) => m.type === "FatalError"), { type: "FatalError", error: "injected" });
  });

  test("upgrade on an unknown path or a non-semver version is refused", async () => {
    await assert.rejects(openSocket(standin.url, "/api/notaversion/sync"), /400/);
    await assert.rejects(openSocket(standin.url, "/api/1.48.0/other"), /404/);
  });
});
