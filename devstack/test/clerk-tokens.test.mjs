// SPDX-License-Identifier: MIT
// Token endpoints, session state errors, request-level checks and the fault/config/clock
// controls of the Clerk stand-in. Tokens are verified with jose against the served JWKS.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { control, decodeJwtPayload, NativeFapi, startDevstack } from "./devstack-helpers.mjs";

let stack;
let base;
let jwks;

before(async () => {
  stack = await startDevstack(["--clerk-only"]);
  base = stack.ready.clerkFrontendApi;
  jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
});
after(async () => {
  await stack?.stop();
});

async function signedIn(email = "ada@example.com") {
  const s = await control(base, "sign-in", { email });
  const fapi = new NativeFapi(base);
  fapi.token = s.clientToken;
  return { ...s, fapi };
}

describe("token endpoints", () => {
  test("/tokens/convex: audience, issuer, subject, profile claims, 60 s default lifetime", async () => {
    const { fapi, sessionId, userId } = await signedIn();
    const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
    assert.equal(r.status, 200);
    assert.equal(r.json.object, "token");
    const { payload, protectedHeader } = await jwtVerify(r.json.jwt, jwks, { issuer: base, audience: "convex" });
    assert.equal(protectedHeader.alg, "RS256");
    assert.equal(payload.sub, userId);
    assert.equal(payload.name, "Ada Lovelace");
    assert.equal(payload.given_name, "Ada");
    assert.equal(payload.family_name, "Lovelace");
    assert.equal(payload.email, "ada@example.com");
    assert.equal(payload.email_verified, true);
    assert.match(payload.picture, /^https:\/\//);
    assert.equal(payload.exp - payload.iat, 60);
    assert.equal(payload.iat - payload.nbf, 5);
    assert.equal(payload.sid, undefined, "template tokens carry no session claims");
    assert.ok(r.authorization, "token responses carry the client token too");
  });

  test("/tokens: plain session token without aud, unless the Convex integration is on", async () => {
    const { fapi, sessionId, userId } = await signedIn();
    const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens`, { query: { debug: "skip_cache" } });
    assert.equal(r.status, 200);
    const { payload } = await jwtVerify(r.json.jwt, jwks, { issuer: base });
    assert.equal(payload.sub, userId);
    assert.equal(payload.sid, sessionId);
    assert.equal(payload.v, 2);
    assert.equal(payload.aud, undefined);
    assert.equal(payload.iat - payload.nbf, 10);
    await control(base, "config", { convexIntegration: true });
    try {
      const again = await fapi.request("POST", `/client/sessions/${sessionId}/tokens`);
      assert.equal(decodeJwtPayload(again.json.jwt).aud, "convex");
    } finally {
      await control(base, "config", { convexIntegration: false });
    }
  });

  test("lifetime is configurable at run time", async () => {
    const { fapi, sessionId } = await signedIn();
    await control(base, "config", { convexTokenLifetime: 3600 });
    try {
      const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
      const p = decodeJwtPayload(r.json.jwt);
      assert.equal(p.exp - p.iat, 3600);
    } finally {
      await control(base, "config", { convexTokenLifetime: 60 });
    }
  });

  test("the clock control moves iat/exp without waiting", async () => {
    const { fapi, sessionId } = await signedIn();
    await control(base, "clock", { offsetSeconds: -3600 });
    try {
      const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
      const p = decodeJwtPayload(r.json.jwt);
      assert.ok(p.exp < Date.now() / 1000 - 3000, "token minted an hour in the past is expired");
      await assert.rejects(jwtVerify(r.json.jwt, jwks, { issuer: base, audience: "convex" }), { code: "ERR_JWT_EXPIRED" });
    } finally {
      await control(base, "clock", { offsetSeconds: 0 });
    }
  });

  test("unknown template → 404 resource_not_found", async () => {
    const { fapi, sessionId } = await signedIn();
    const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/supabase`);
    assert.equal(r.status, 404);
    assert.equal(r.json.errors[0].code, "resource_not_found");
    assert.match(r.json.errors[0].long_message, /No JWT template exists/);
  });
});

describe("session state", () => {
  test("revoked session → 401 authentication_invalid, client token still returned", async () => {
    const { fapi, sessionId } = await signedIn();
    await control(base, "sessions/revoke", { sessionId });
    const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
    assert.equal(r.status, 401);
    assert.equal(r.json.errors[0].code, "authentication_invalid");
    assert.ok(typeof r.json.clerk_trace_id === "string");
    assert.equal(r.authorization, fapi.token);
    const client = await fapi.request("GET", "/client");
    assert.equal(client.json.response.sessions.length, 0, "a revoked session leaves the client");
  });

  test("unknown session → 404 resource_not_found; no client → 401 signed_out", async () => {
    const { fapi } = await signedIn();
    const r = await fapi.request("POST", "/client/sessions/sess_nope/tokens");
    assert.equal(r.status, 404);
    assert.equal(r.json.errors[0].code, "resource_not_found");
    const anon = new NativeFapi(base);
    const s = await anon.request("POST", "/client/sessions/sess_nope/tokens");
    assert.equal(s.status, 401);
    assert.equal(s.json.errors[0].code, "signed_out");
    assert.ok(s.authorization, "a 401 hands out a fresh client token");
  });

  test("end, remove, and sign out of all sessions (_method=DELETE)", async () => {
    const a = await signedIn();
    const ended = await a.fapi.request("POST", `/client/sessions/${a.sessionId}/end`);
    assert.equal(ended.json.response.status, "ended");
    assert.equal(ended.json.client.last_active_session_id, null);
    const b = await signedIn();
    const removed = await b.fapi.request("POST", `/client/sessions/${b.sessionId}/remove`);
    assert.equal(removed.json.response.status, "removed");
    const c = await signedIn();
    const out = await c.fapi.request("POST", "/client/sessions", { query: { _method: "DELETE" } });
    assert.equal(out.status, 200);
    assert.deepEqual(out.json.response.sessions, []);
    const tok = await c.fapi.request("POST", `/client/sessions/${c.sessionId}/tokens`);
    assert.equal(tok.status, 401);
    assert.equal(tok.json.errors[0].code, "authentication_invalid");
  });

  test("DELETE /client clears the Authorization header", async () => {
    const { fapi } = await signedIn();
    const r = await fapi.request("DELETE", "/client");
    assert.equal(r.status, 200);
    assert.equal(r.authorization, "");
  });
});

describe("request checks", () => {
  test("Origin together with Authorization → origin_authorization_headers_conflict", async () => {
    const { fapi } = await signedIn();
    const r = await fapi.request("GET", "/client", { headers: { origin: "http://localhost:3000" } });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].code, "origin_authorization_headers_conflict");
    await control(base, "config", { allowedOrigins: ["http://localhost:3000"] });
    try {
      const ok = await fapi.request("GET", "/client", { headers: { origin: "http://localhost:3000" } });
      assert.equal(ok.status, 200);
    } finally {
      await control(base, "config", { allowedOrigins: [] });
    }
  });

  test("native API switch, missing _is_native, missing Authorization header", async () => {
    await control(base, "config", { nativeApiEnabled: false });
    try {
      const r = await new NativeFapi(base).request("GET", "/client");
      assert.equal(r.status, 400);
      assert.equal(r.json.errors[0].code, "native_api_disabled");
      const env = await new NativeFapi(base).request("GET", "/environment");
      assert.equal(env.json.auth_config.native_settings.api_enabled, false);
    } finally {
      await control(base, "config", { nativeApiEnabled: true });
    }
    const noNative = await fetch(`${base}/v1/client`, { headers: { authorization: "" } });
    assert.equal(noNative.status, 400);
    assert.equal((await noNative.json()).errors[0].code, "native_mode_required");
    const noHeader = await fetch(`${base}/v1/client?_is_native=1`);
    assert.equal(noHeader.status, 400);
    assert.equal((await noHeader.json()).errors[0].code, "request_header_missing");
  });

  test("rotateOnEveryResponse: each response hands out a new token and retires the previous one", async () => {
    const { fapi, sessionId } = await signedIn();
    await control(base, "config", { rotateOnEveryResponse: true });
    try {
      const first = fapi.token;
      const a = await fapi.request("GET", "/client");
      const b = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200, "the client that saved the rotated token keeps working");
      assert.equal(new Set([first, a.authorization, b.authorization]).size, 3);
      const old = new NativeFapi(base);
      old.token = first;
      assert.equal((await old.request("GET", "/client")).json.response, null);
    } finally {
      await control(base, "config", { rotateOnEveryResponse: false });
    }
  });

  test("Bearer-prefixed Authorization is accepted", async () => {
    const { fapi, sessionId } = await signedIn();
    fapi.token = `Bearer ${fapi.token}`;
    const r = await fapi.request("GET", "/client");
    assert.equal(r.json.response.last_active_session_id, sessionId);
  });

  test("request log records what the client sent", async () => {
    await control(base, "requests/clear");
    const { fapi } = await signedIn();
    await fapi.request("GET", "/client");
    const { requests } = await control(base, "requests");
    const last = requests.at(-1);
    assert.equal(last.path, "/v1/client");
    assert.equal(last.query._is_native, "1");
    assert.equal(last.headers.authorization, fapi.token);
    assert.equal(last.headers.origin, undefined);
    assert.equal(last.status, 200);
  });
});

describe("fault injection", () => {
  test("status faults N times, with the client token still rotated out", async () => {
    const { fapi } = await signedIn();
    await control(base, "faults", { method: "GET", path: "/v1/client", status: 503, times: 2 });
    const a = await fapi.request("GET", "/client");
    const b = await fapi.request("GET", "/client");
    const c = await fapi.request("GET", "/client");
    assert.deepEqual([a.status, b.status, c.status], [503, 503, 200]);
    assert.equal(a.json.errors[0].code, "service_unavailable");
    assert.equal(a.authorization, fapi.token);
  });

  test("429 with Retry-After on a wildcard token route", async () => {
    const { fapi, sessionId } = await signedIn();
    await control(base, "faults", { path: "/v1/client/sessions/*/tokens/*", status: 429, retryAfter: 7 });
    const r = await fetch(`${base}/v1/client/sessions/${sessionId}/tokens/convex?_is_native=1`, {
      method: "POST",
      headers: { authorization: fapi.token },
    });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get("retry-after"), "7");
    assert.equal((await r.json()).errors[0].code, "too_many_requests");
    const ok = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
    assert.equal(ok.status, 200);
  });

  test("dropped connection and delayed answer", async () => {
    const { fapi } = await signedIn();
    await control(base, "faults", { path: "/v1/environment", drop: true });
    await assert.rejects(fapi.request("GET", "/environment"));
    await control(base, "faults", { path: "/v1/environment", delayMs: 50 });
    const ok = await fapi.request("GET", "/environment");
    assert.equal(ok.status, 200);
    const { faults } = await control(base, "state");
    assert.equal(faults.length, 0, "one-shot faults are used up");
  });

  test("key rotation publishes the new kid and keeps the old one", async () => {
    const before = await (await fetch(`${base}/.well-known/jwks.json`)).json();
    const { kid } = await control(base, "keys/rotate");
    const afterKeys = await (await fetch(`${base}/.well-known/jwks.json`)).json();
    assert.deepEqual(afterKeys.keys.map((k) => k.kid), [kid, before.keys[0].kid]);
    const { fapi, sessionId } = await signedIn();
    const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
    assert.equal(JSON.parse(Buffer.from(r.json.jwt.split(".")[0], "base64url")).kid, kid);
  });

  test("bad control input gets a clear error", async () => {
    const r = await fetch(`${base}/__devstack/config`, { method: "POST", body: JSON.stringify({ convexTokenLifetime: "long" }), headers: { "content-type": "application/json" } });
    assert.equal(r.status, 400);
    const body = await r.json();
    assert.match(body.errors[0].message, /must be a number/);
  });
});
