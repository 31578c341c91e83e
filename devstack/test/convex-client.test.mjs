// SPDX-License-Identifier: MIT
// The official, unmodified JS clients (ConvexClient over `ws`, ConvexHttpClient) against
// the Convex stand-in, with tokens from an in-test OIDC issuer.
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { generateKeyPair } from "jose";
import { loadStandin, newClient, startIssuer, watch, withTimeout, cleanUp, test } from "../convex/test-support.mjs";

const api = anyApi;

describe("official ConvexClient against the stand-in", () => {
  let issuer;
  let standin;
  let strangerKey; // signs tokens the issuer's JWKS does not know
  const clients = [];
  const client = () => {
    const c = newClient(standin.url);
    clients.push(c);
    return c;
  };
  // setAuth with a fresh token per fetch; resolves once the server confirmed it.
  const signIn = async (c, sub, claims = {}) => {
    const fetches = [];
    const confirmed = new Promise((resolve) => {
      c.setAuth(
        async (args) => {
          fetches.push(args);
          return issuer.sign({ sub, claims });
        },
        (isAuthenticated) => isAuthenticated && resolve(),
      );
    });
    await withTimeout(confirmed, "auth confirmation");
    return fetches;
  };

  before(async () => {
    issuer = await startIssuer();
    strangerKey = (await generateKeyPair("RS256")).privateKey;
    const { startConvexStandin } = await loadStandin();
    standin = await startConvexStandin({ authProviders: [{ domain: issuer.url, applicationID: "convex" }] });
  });
  after(async () => {
    await cleanUp(...clients.map((c) => () => c.close()));
    await cleanUp(() => standin.close(), () => issuer.close());
  });

  test("tasks:list is rejected without auth with ConvexError UNAUTHENTICATED", async () => {
    const c = client();
    const tasks = watch(c, api.tasks.list);
    const { error } = await tasks.next((e) => "error" in e, "the query error");
    assert.ok(error instanceof ConvexError, `expected ConvexError, got ${error}`);
    assert.equal(error.data.code, "UNAUTHENTICATED");
    await assert.rejects(c.mutation(api.tasks.add, { text: "x" }), (e) => e instanceof ConvexError && e.data.code === "UNAUTHENTICATED");
  });

  test("after setAuth users:me is the identity (tokenIdentifier iss|sub, mapped claims)", async () => {
    const c = client();
    const me = watch(c, api.users.me);
    assert.equal(await me.value((v) => v === null, "anonymous users:me"), null);
    const fetches = await signIn(c, "user_ada", { name: "Ada Lovelace", email: "ada@example.com", picture: "https://img.example/ada.png", jti: "x" });
    const who = await me.value((v) => v !== null, "signed-in users:me");
    assert.deepEqual(who, {
      tokenIdentifier: `${issuer.url}|user_ada`,
      subject: "user_ada",
      issuer: issuer.url,
      name: "Ada Lovelace",
      email: "ada@example.com",
      pictureUrl: "https://img.example/ada.png",
    });
    assert.equal(fetches[0].forceRefreshToken, false);
  });

  test("own and another client's mutations show up live; owners only", async () => {
    const mine = client();
    const other = client();
    const stranger = client();
    await Promise.all([signIn(mine, "user_bob"), signIn(other, "user_bob"), signIn(stranger, "user_eve")]);
    const list = watch(mine, api.tasks.list);
    await list.value((v) => Array.isArray(v) && v.length === 0, "empty list");

    const id1 = await mine.mutation(api.tasks.add, { text: "first" });
    // The mutation resolves only after the covering Transition: the result is already there.
    assert.deepEqual(list.seen.at(-1).value.map((t) => t.text), ["first"]);

    await other.mutation(api.tasks.add, { text: "second" });
    const both = await list.value((v) => v.length === 2, "other client's task");
    assert.deepEqual(both.map((t) => t.text), ["second", "first"], "newest first");
    assert.equal(both[1]._id, id1);
    assert.ok(both[0]._creationTime > both[1]._creationTime);

    await other.mutation(api.tasks.setDone, { id: id1, done: true });
    await list.value((v) => v.some((t) => t._id === id1 && t.done), "done flag");

    assert.deepEqual(await stranger.query(api.tasks.list, {}), []);
    await assert.rejects(stranger.mutation(api.tasks.remove, { id: id1 }), (e) => e instanceof ConvexError && e.data.code === "NOT_FOUND");
    await assert.rejects(mine.mutation(api.tasks.add, { text: "" }), (e) => e instanceof ConvexError && e.data.code === "INVALID");
    await assert.rejects(mine.mutation(api.tasks.add, { text: "x".repeat(501) }), (e) => e.data?.code === "INVALID");
    await mine.mutation(api.tasks.add, { text: "x".repeat(500) });

    await mine.mutation(api.tasks.remove, { id: id1 });
    await list.value((v) => v.length === 2 && !v.some((t) => t._id === id1), "removal");
  });

  test("tasks:page pages through the caller's tasks, newest first", async () => {
    const c = client();
    await signIn(c, "user_pages");
    for (const text of ["t1", "t2", "t3", "t4", "t5"]) await c.mutation(api.tasks.add, { text });
    const texts = [];
    let cursor = null;
    let pages = 0;
    for (;;) {
      const page = await c.query(api.tasks.page, { paginationOpts: { numItems: 2, cursor } });
      texts.push(...page.page.map((t) => t.text));
      pages++;
      if (page.isDone) break;
      cursor = page.continueCursor;
      assert.ok(pages < 10, "pagination terminates");
    }
    assert.deepEqual(texts, ["t5", "t4", "t3", "t2", "t1"]);
    assert.equal(pages, 3);
  });

  test("debug:echo round-trips int64, bytes, NaN, -0, infinities and nesting", async () => {
    const c = client();
    const bytes = new Uint8Array([0, 16, 131, 255]).buffer;
    const value = {
      big: 9223372036854775807n,
      neg: -9223372036854775808n,
      nan: NaN,
      negZero: -0,
      inf: -Infinity,
      bytes,
      nested: { list: [1n, "a", null, [true, { deep: 1.5 }]], empty: {} },
      text: "héllo",
    };
    const back = await c.query(api.debug.echo, { value });
    assert.equal(back.big, 9223372036854775807n);
    assert.equal(back.neg, -9223372036854775808n);
    assert.ok(Number.isNaN(back.nan));
    assert.ok(Object.is(back.negZero, -0));
    assert.equal(back.inf, -Infinity);
    assert.deepEqual([...new Uint8Array(back.bytes)], [0, 16, 131, 255]);
    assert.deepEqual(back.nested, value.nested);
    assert.equal(back.text, "héllo");
    assert.equal(await c.action(api.debug.slowEcho, { value: 42n, ms: 5 }), 42n);
  });

  for (const [name, makeToken, expected] of [
    ["a bad signature", () => issuer.sign({ sub: "u", key: strangerKey }), "bad"],
    ["an expired token", () => issuer.sign({ sub: "u", iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }), "expired"],
    ["a wrong audience", () => issuer.sign({ sub: "u", aud: "not-convex" }), "audience"],
  ]) {
    test(`${name} gets AuthError: the client ends up unauthenticated and keeps working`, async () => {
      const c = client();
      let fetches = 0;
      const changes = [];
      const settled = new Promise((resolve) => {
        c.setAuth(
          async () => {
            fetches++;
            return makeToken();
          },
          (ok) => {
            changes.push(ok);
            if (!ok) resolve();
          },
        );
      });
      await withTimeout(settled, `onChange(false) after ${expected}`);
      assert.deepEqual(changes, [false]);
      assert.ok(fetches >= 2, `token fetched ${fetches} times`);
      assert.equal(await c.query(api.users.me, {}), null);
    });
  }

  test("a token that expires mid-session gets AuthError; the client refreshes and stays signed in", async () => {
    const c = client();
    let fetches = 0;
    const states = [];
    let refetchedAfterExpiry;
    const refetched = new Promise((resolve) => (refetchedAfterExpiry = resolve));
    const firstConfirmed = new Promise((resolve) => {
      c.setAuth(
        async () => {
          fetches++;
          if (fetches === 3) refetchedAfterExpiry();
          const now = Math.floor(Date.now() / 1000);
          // The first two tokens expire in 1 s (the server accepts them); later ones live 1 h.
          return issuer.sign({ sub: "user_exp", iat: now, exp: fetches <= 2 ? now + 1 : now + 3600 });
        },
        (ok) => {
          states.push(ok);
          if (ok) resolve();
        },
      );
    });
    await withTimeout(firstConfirmed, "first confirmation");
    const me = watch(c, api.users.me);
    await me.value((v) => v?.subject === "user_exp");
    // The server's AuthError(authUpdateAttempted:false) makes the client fetch again.
    await withTimeout(refetched, "re-fetch after expiry");
    await me.value((v) => v?.subject === "user_exp", "identity after refresh");
    assert.ok(!states.includes(false), `onChange sequence ${states}`);
  });

  test("TransitionChunks above the threshold are reassembled by the official client", async () => {
    const { startConvexStandin } = await loadStandin();
    const small = await startConvexStandin({ authProviders: [], transitionChunkThreshold: 300 });
    const c = newClient(small.url);
    try {
      const big = { text: "ü€".repeat(400), n: 12345678901234567n };
      const echo = watch(c, api.debug.echo, { value: big });
      assert.deepEqual(await echo.value((v) => v !== undefined, "chunked result"), big);
      const state = await (await fetch(`${small.url}/__devstack/state`)).json();
      assert.equal(state.connections, 1, "the client did not have to reconnect");
      assert.equal(state.chunkedTransitions, 1);
      assert.ok(state.transitionChunks >= 4, `${state.transitionChunks} chunks`);
    } finally {
      await cleanUp(() => c.close(), () => small.close());
    }
  });

  test("ConvexHttpClient: one-shot query, mutation and action with a bearer token", async () => {
    const http = new ConvexHttpClient(standin.url);
    assert.equal(await http.query(api.users.me, {}), null);
    await assert.rejects(http.query(api.tasks.list, {}), (e) => e instanceof ConvexError && e.data.code === "UNAUTHENTICATED");
    http.setAuth(await issuer.sign({ sub: "user_http", claims: { email: "h@example.com" } }));
    assert.equal((await http.query(api.users.me, {})).tokenIdentifier, `${issuer.url}|user_http`);
    const id = await http.mutation(api.tasks.add, { text: "over http" });
    assert.deepEqual((await http.query(api.tasks.list, {})).map((t) => t._id), [id]);
    assert.equal(await http.action(api.debug.slowEcho, { value: -0, ms: 0 }), -0);
    assert.ok(Object.is(await http.query(api.debug.echo, { value: -0 }), -0));
    http.setAuth(await issuer.sign({ sub: "user_http", aud: "wrong" }));
    await assert.rejects(http.query(api.users.me, {}), /401|Unauthenticated|No auth provider/);
  });

  test("an HTTP mutation reaches WebSocket subscribers", async () => {
    const c = client();
    await signIn(c, "user_mix");
    const list = watch(c, api.tasks.list);
    await list.value((v) => Array.isArray(v) && v.length === 0);
    const http = new ConvexHttpClient(standin.url);
    http.setAuth(await issuer.sign({ sub: "user_mix" }));
    await http.mutation(api.tasks.add, { text: "via http" });
    assert.deepEqual((await list.value((v) => v.length === 1, "http write")).map((t) => t.text), ["via http"]);
  });
});
