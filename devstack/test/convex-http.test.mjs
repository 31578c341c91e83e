// SPDX-License-Identifier: MIT
// The Convex stand-in's HTTP API on the wire (§11): formats, response shapes, auth errors.
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { loadStandin, startIssuer, cleanUp, test } from "../convex/test-support.mjs";

describe("Convex stand-in HTTP API", () => {
  let issuer;
  let standin;
  const call = async (kind, body, headers = {}) => {
    const res = await fetch(`${standin.url}/api/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  before(async () => {
    issuer = await startIssuer();
    const { startConvexStandin } = await loadStandin();
    standin = await startConvexStandin({ authProviders: [{ domain: issuer.url, applicationID: "convex" }] });
  });
  after(async () => {
    await cleanUp(() => standin.close(), () => issuer.close());
  });

  const value = { n: { $integer: "AQAAAAAAAAA=" }, b: { $bytes: "AQIDBA==" }, f: { $float: "AAAAAAAA+H8=" }, x: 1.5 };

  test("convex_encoded_json keeps Convex types; args as object or [object]", async () => {
    for (const args of [{ value }, [{ value }]]) {
      const r = await call("query", { path: "debug:echo", args, format: "convex_encoded_json" });
      assert.deepEqual(r, { status: 200, body: { status: "success", value } });
    }
  });

  test("json (the default) is the lossy clean format", async () => {
    const r = await call("query", { path: "debug:echo", args: { value } });
    assert.deepEqual(r.body, { status: "success", value: { n: "1", b: "AQIDBA==", f: "NaN", x: 1.5 } });
  });

  test("GET /api/query works too", async () => {
    const q = new URLSearchParams({ path: "debug:echo", args: JSON.stringify({ value: "hi" }), format: "convex_encoded_json" });
    const res = await fetch(`${standin.url}/api/query?${q}`);
    assert.deepEqual(await res.json(), { status: "success", value: "hi" });
  });

  test("function errors: status error with errorData for ConvexError, log lines from actions", async () => {
    const r = await call("query", { path: "tasks:list", args: {}, format: "convex_encoded_json" });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, "error");
    assert.deepEqual(r.body.errorData, { code: "UNAUTHENTICATED", message: "Sign in to use tasks" });
    assert.match(r.body.errorMessage, /Server Error/);
    const a = await call("action", { path: "debug:slowEcho", args: { value: 1, ms: 0 }, format: "convex_encoded_json" });
    assert.deepEqual(a.body, { status: "success", value: 1, logLines: ["[LOG] 'slowEcho waited 0 ms'"] });
    const wrongKind = await call("mutation", { path: "debug:echo", args: { value: 1 }, format: "convex_encoded_json" });
    assert.equal(wrongKind.body.status, "error");
    assert.match(wrongKind.body.errorMessage, /as Mutation, but it is defined as Query/);
    assert.equal("errorData" in wrongKind.body, false);
  });

  test("bearer auth: valid token identifies the caller, invalid ones get 401, other schemes 400", async () => {
    const token = await issuer.sign({ sub: "http_user" });
    const ok = await call("query", { path: "users:me", args: {}, format: "convex_encoded_json" }, { authorization: `bearer ${token}` });
    assert.equal(ok.body.value.tokenIdentifier, `${issuer.url}|http_user`);
    const bad = await call("query", { path: "users:me", args: {} }, { authorization: `Bearer ${token}x` });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.code, "Unauthenticated");
    const scheme = await call("query", { path: "users:me", args: {} }, { authorization: `Basic abc` });
    assert.equal(scheme.status, 400);
    const client = await call("query", { path: "users:me", args: {} }, { "convex-client": "nodash" });
    assert.equal(client.status, 400);
  });

  test("malformed requests get 4xx with {code, message}", async () => {
    for (const [body, code] of [
      ["{oops", "BadJsonBody"],
      [{ path: "a:b:c", args: {} }, "BadFunctionPath"],
      [{ path: "debug:echo", args: { value: { $integer: "AQ==" } } }, "BadConvexValue"],
      [{ path: "debug:echo", args: { value: 1 }, format: "yaml" }, "InvalidFormat"],
    ]) {
      const r = await call("query", body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, code);
      assert.equal(typeof r.body.message, "string");
    }
  });
});
