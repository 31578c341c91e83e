// SPDX-License-Identifier: MIT
// The Clerk stand-in's hosted sign-in in native mode, driven like a native SDK would:
// PKCE + state, the hosted pages, the custom-scheme callback, nonce redemption and the
// rotation of the client token in the Authorization header. Real process, real sockets.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { control, NativeFapi, pkcePair, startDevstack } from "./devstack-helpers.mjs";

const REDIRECT = "qonvex://callback";
let stack;
let base;

before(async () => {
  stack = await startDevstack(["--clerk-only"]);
  base = stack.ready.clerkFrontendApi;
});
after(async () => {
  await stack?.stop();
});

function formOf(html) {
  const fields = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
  return fields;
}

async function page(url, init = {}) {
  const r = await fetch(url, { redirect: "manual", ...init });
  return { status: r.status, location: r.headers.get("location"), html: await r.text() };
}

/** Starts a hosted-auth flow; returns the PKCE pair, state and the hosted URL. */
async function startHostedAuth(fapi, extra = {}) {
  const { verifier, challenge } = pkcePair();
  const state = `st-${Math.random().toString(36).slice(2)}`;
  const r = await fapi.request("POST", "/client/hosted_auth", {
    form: { redirect_url: REDIRECT, code_challenge: challenge, state, ...extra },
  });
  return { r, verifier, challenge, state };
}

async function submitSignIn(hostedUrl, email, password) {
  const sign = await page(hostedUrl);
  assert.equal(sign.status, 200);
  const hidden = formOf(sign.html);
  return page(new URL("/sign-in", base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...hidden, email, password }).toString(),
  });
}

describe("addressing and discovery", () => {
  test("publishable key encodes the stand-in's own host like real keys", () => {
    const key = stack.ready.clerkPublishableKey;
    assert.match(key, /^pk_test_[A-Za-z0-9+/]+$/);
    const decoded = Buffer.from(key.slice("pk_test_".length), "base64").toString("utf8");
    assert.equal(decoded, `${new URL(base).host}$`);
  });

  test("environment names the hosted pages and enables the native API", async () => {
    const fapi = new NativeFapi(base);
    const r = await fapi.request("GET", "/environment");
    assert.equal(r.status, 200);
    assert.equal(r.json.display_config.sign_in_url, `${base}/sign-in`);
    assert.equal(r.json.display_config.sign_up_url, `${base}/sign-up`);
    assert.equal(r.json.auth_config.native_settings.api_enabled, true);
    assert.equal(r.json.auth_config.single_session_mode, true);
  });

  test("OIDC discovery and JWKS", async () => {
    const conf = await (await fetch(`${base}/.well-known/openid-configuration`)).json();
    assert.equal(conf.issuer, base);
    assert.equal(conf.jwks_uri, `${base}/.well-known/jwks.json`);
    assert.deepEqual(conf.id_token_signing_alg_values_supported, ["RS256"]);
    const jwks = await (await fetch(conf.jwks_uri)).json();
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].kty, "RSA");
    assert.equal(jwks.keys[0].alg, "RS256");
    assert.match(jwks.keys[0].kid, /^ins_/);
  });
});

describe("hosted sign-in with PKCE", () => {
  test("first request mints a client token; GET /client without a session is null", async () => {
    const fapi = new NativeFapi(base);
    const r = await fapi.request("GET", "/client");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { response: null, client: null });
    assert.ok(r.authorization && r.authorization.split(".").length === 3, "a client JWT in the Authorization header");
    // With the token it got, the client is now known (no sessions yet).
    const again = await fapi.request("GET", "/client");
    assert.equal(again.json.response.object, "client");
    assert.equal(again.json.response.sessions.length, 0);
    assert.equal(again.authorization, r.authorization);
  });

  test("stale client: hosted_auth answers 401 signed_out with a replacement token, retry works", async () => {
    const fapi = new NativeFapi(base);
    fapi.token = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6ImNsaWVudF9nb25lIn0.c2ln";
    const first = await startHostedAuth(fapi);
    assert.equal(first.r.status, 401);
    assert.equal(first.r.json.errors[0].code, "signed_out");
    assert.ok(first.r.authorization, "401 carries a new client token");
    assert.notEqual(fapi.token, "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6ImNsaWVudF9nb25lIn0.c2ln");
    const retry = await startHostedAuth(fapi);
    assert.equal(retry.r.status, 200);
    assert.equal(retry.r.json.response.object, "hosted_auth");
    assert.ok(retry.r.json.response.url.startsWith(`${base}/sign-in?hosted_auth=`));
  });

  test("full flow: pages, callback with state and nonce, wrong verifier, redemption, rotation, reuse", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, verifier, state } = await startHostedAuth(fapi);
    assert.equal(r.status, 200);
    const hostedUrl = r.json.response.url;

    const form = await page(hostedUrl);
    for (const id of ["email", "password", "submit", "google"]) assert.match(form.html, new RegExp(`id="${id}"`));
    assert.match(form.html, /qonvex-demo/, "dev page shows the demo password");

    const wrong = await submitSignIn(hostedUrl, "ada@example.com", "nope");
    assert.equal(wrong.status, 422);
    assert.match(wrong.html, /id="error"/);

    const done = await submitSignIn(hostedUrl, "ada@example.com", "qonvex-demo");
    assert.equal(done.status, 303);
    const cb = new URL(done.location);
    assert.equal(`${cb.protocol}//${cb.host}`, REDIRECT);
    assert.equal(cb.searchParams.get("state"), state);
    const nonce = cb.searchParams.get("rotating_token_nonce");
    const sid = cb.searchParams.get("created_session_id");
    assert.ok(nonce && sid?.startsWith("sess_"));

    const before = fapi.token;
    const bad = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: "0".repeat(64) } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.errors[0].code, "pkce_verification_failed");
    assert.equal(bad.authorization, before, "errors carry the (unchanged) client token too");

    const ok = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(ok.status, 200);
    assert.ok(ok.json.response.sessions.some((s) => s.id === sid && s.status === "active"));
    assert.equal(ok.json.response.sessions[0].user.email_addresses[0].email_address, "ada@example.com");
    assert.notEqual(ok.authorization, before, "redemption rotates the client token");

    const stale = new NativeFapi(base);
    stale.token = before;
    const staleClient = await stale.request("GET", "/client");
    assert.equal(staleClient.json.response, null, "the pre-rotation token no longer names the client");

    const reuse = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.json.errors[0].code, "rotating_token_nonce_invalid");

    const touch = await fapi.request("POST", `/client/sessions/${sid}/touch`, { form: { active_organization_id: "", intent: "select_session" } });
    assert.equal(touch.status, 200);
    assert.equal(touch.json.response.id, sid);
    assert.equal(touch.json.client.last_active_session_id, sid);
  });

  test("a nonce cannot be redeemed by another client", async () => {
    const owner = new NativeFapi(base);
    await owner.request("GET", "/client");
    const { r, verifier } = await startHostedAuth(owner);
    const done = await submitSignIn(r.json.response.url, "grace@example.com", "qonvex-demo");
    const nonce = new URL(done.location).searchParams.get("rotating_token_nonce");
    const thief = new NativeFapi(base);
    await thief.request("GET", "/client");
    const stolen = await thief.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(stolen.status, 400);
    assert.equal(stolen.json.errors[0].code, "rotating_token_nonce_invalid");
    const mine = await owner.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(mine.status, 200);
  });

  test("an expired nonce is refused (clock moved past its 5 minutes)", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, verifier } = await startHostedAuth(fapi);
    const done = await submitSignIn(r.json.response.url, "ada@example.com", "qonvex-demo");
    const nonce = new URL(done.location).searchParams.get("rotating_token_nonce");
    await control(base, "clock", { advanceSeconds: 301 });
    try {
      const late = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
      assert.equal(late.status, 400);
      assert.equal(late.json.errors[0].code, "rotating_token_nonce_invalid");
      assert.match(late.json.errors[0].long_message, /expired/);
    } finally {
      await control(base, "clock", { offsetSeconds: 0 });
    }
  });

  test("hosted_auth validates its form", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const https = await startHostedAuth(fapi, { redirect_url: "https://evil.example/cb" });
    assert.equal(https.r.status, 422);
    assert.equal(https.r.json.errors[0].code, "invalid_redirect_url");
    const missing = await fapi.request("POST", "/client/hosted_auth", { form: { redirect_url: REDIRECT, state: "s" } });
    assert.equal(missing.status, 422);
    assert.equal(missing.json.errors[0].code, "form_param_missing");
    assert.equal(missing.json.errors[0].meta.param_name, "code_challenge");
  });

  test("sign-up page creates a user and finishes a sign-up hosted auth", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, verifier } = await startHostedAuth(fapi, { mode: "sign-up" });
    const url = r.json.response.url;
    assert.ok(url.startsWith(`${base}/sign-up?hosted_auth=`));
    const form = await page(url);
    for (const id of ["first-name", "last-name", "email", "password", "submit"]) assert.match(form.html, new RegExp(`id="${id}"`));
    const post = (fields) =>
      page(new URL("/sign-up", base), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...formOf(form.html), ...fields }).toString(),
      });
    const taken = await post({ first_name: "A", last_name: "L", email: "ada@example.com", password: "long-enough" });
    assert.equal(taken.status, 422);
    assert.match(taken.html, /taken/);
    const done = await post({ first_name: "Katherine", last_name: "Johnson", email: "katherine@example.com", password: "long-enough" });
    assert.equal(done.status, 303);
    const nonce = new URL(done.location).searchParams.get("rotating_token_nonce");
    const ok = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.response.sessions[0].user.first_name, "Katherine");
  });

  test("the fail link redirects with __clerk_status=failed", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, state } = await startHostedAuth(fapi);
    const id = new URL(r.json.response.url).searchParams.get("hosted_auth");
    const fail = await page(`${base}/fail?hosted_auth=${id}`);
    assert.equal(fail.status, 303);
    const cb = new URL(fail.location);
    assert.equal(cb.searchParams.get("__clerk_status"), "failed");
    assert.equal(cb.searchParams.get("__clerk_error_code"), "oauth_access_denied");
    assert.equal(cb.searchParams.get("state"), state);
  });
});

describe("Continue with Google", () => {
  test("refuses QtWebEngine, completes in a normal browser", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, verifier, state } = await startHostedAuth(fapi);
    const id = new URL(r.json.response.url).searchParams.get("hosted_auth");
    const start = await page(`${base}/oauth/google?hosted_auth=${id}`);
    assert.equal(start.status, 303);
    const google = new URL(start.location);
    assert.notEqual(google.origin, new URL(base).origin, "Google lives on a different origin");

    const qt = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) QtWebEngine/6.4.2 Chrome/102.0.5005.177 Safari/537.36";
    const blocked = await page(google, { headers: { "user-agent": qt } });
    assert.equal(blocked.status, 403);
    assert.match(blocked.html, /This browser or app may not be secure/);

    const chooser = await page(google, { headers: { "user-agent": "Mozilla/5.0 Firefox/128.0" } });
    assert.equal(chooser.status, 200);
    const m = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(chooser.html);
    const fields = formOf(m[2]);
    assert.equal(fields.email, "ada@example.com");
    const approved = await page(new URL(m[1], google), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    assert.equal(approved.status, 303);
    assert.ok(approved.location.startsWith(`${base}/v1/oauth_callback?`));
    const back = await page(approved.location);
    assert.equal(back.status, 303);
    const cb = new URL(back.location);
    assert.equal(cb.searchParams.get("state"), state);
    const ok = await fapi.request("POST", "/client", {
      form: { _method: "GET", rotating_token_nonce: cb.searchParams.get("rotating_token_nonce"), code_verifier: verifier },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.response.sessions[0].user.first_name, "Ada");
  });
});

describe("test control: sign in without UI", () => {
  test("returns a working client token and session id", async () => {
    const s = await control(base, "sign-in", { email: "grace@example.com" });
    const fapi = new NativeFapi(base);
    fapi.token = s.clientToken;
    const r = await fapi.request("GET", "/client");
    assert.equal(r.json.response.last_active_session_id, s.sessionId);
    assert.equal(r.json.response.sessions[0].user.id, s.userId);
  });

  test("completes a hosted auth started over FAPI", async () => {
    const fapi = new NativeFapi(base);
    await fapi.request("GET", "/client");
    const { r, verifier } = await startHostedAuth(fapi);
    const { callbackUrl } = await control(base, "hosted-auth/complete", { url: r.json.response.url, email: "grace@example.com" });
    const nonce = new URL(callbackUrl).searchParams.get("rotating_token_nonce");
    const ok = await fapi.request("POST", "/client", { form: { _method: "GET", rotating_token_nonce: nonce, code_verifier: verifier } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.response.sessions[0].user.first_name, "Grace");
  });
});
