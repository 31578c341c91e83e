// SPDX-License-Identifier: MIT
// The whole devstack as the app uses it: spawn devstack/run, parse its ready line, sign in at
// the Clerk stand-in, and let the official ConvexClient (convex/browser + ws) authenticate
// with tokens fetched from /tokens/convex. Also: tokens Convex must reject, and shutdown.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { control, NativeFapi, pkcePair, recordChildOutput, RUN, startDevstack } from "./devstack-helpers.mjs";

const WAIT_MS = 15000;
let stack;
let clerk;
let convexUrl;
const clients = [];

before(async () => {
  stack = await startDevstack();
  clerk = stack.ready.clerkFrontendApi;
  convexUrl = stack.ready.convexUrl;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await stack?.stop();
});

function newConvex() {
  const c = new ConvexClient(convexUrl, { webSocketConstructor: WebSocket, unsavedChangesWarning: false });
  clients.push(c);
  return c;
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS))),
  ]);
}

/** setAuth and resolve with the first onChange value (true = backend confirmed, false = rejected). */
function authenticate(convex, fetchToken) {
  const fetches = [];
  const changed = new Promise((resolve) =>
    convex.setAuth(
      async (args) => {
        fetches.push(args);
        return fetchToken(args);
      },
      (isAuthenticated) => resolve(isAuthenticated),
    ),
  );
  return { fetches, changed: withTimeout(changed, "auth onChange") };
}

async function signInFapi(email) {
  const s = await control(clerk, "sign-in", { email });
  const fapi = new NativeFapi(clerk);
  fapi.token = s.clientToken;
  return { ...s, fapi };
}

describe("devstack/run", () => {
  test("prints one ready line with all four URLs and nothing else on stdout", () => {
    for (const k of ["convexUrl", "clerkFrontendApi", "clerkPublishableKey", "accountsUrl"]) assert.equal(typeof stack.ready[k], "string", k);
    assert.match(stack.ready.convexUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(stack.ready.clerkFrontendApi, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(stack.stdoutRest(), "");
  });

  test("ConvexClient authenticates with the Clerk stand-in's convex token; users:me is the identity", async () => {
    const { fapi, sessionId, userId } = await signInFapi("ada@example.com");
    const convex = newConvex();
    assert.equal(await convex.query(anyApi.users.me, {}), null, "anonymous before setAuth");
    const { fetches, changed } = authenticate(convex, async () => {
      const r = await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`);
      assert.equal(r.status, 200);
      return r.json.jwt;
    });
    assert.equal(await changed, true);
    assert.ok(fetches.length >= 1);
    const me = await convex.query(anyApi.users.me, {});
    assert.deepEqual(me, {
      tokenIdentifier: `${clerk}|${userId}`,
      subject: userId,
      issuer: clerk,
      name: "Ada Lovelace",
      email: "ada@example.com",
      pictureUrl: `https://img.clerk.com/devstack/${userId}.png`,
    });
  });

  test("full hosted sign-in, then Convex sees Grace", async () => {
    const fapi = new NativeFapi(clerk);
    await fapi.request("GET", "/client");
    const { verifier, challenge } = pkcePair();
    const ha = await fapi.request("POST", "/client/hosted_auth", { form: { redirect_url: "qonvex://callback", code_challenge: challenge, state: "s1" } });
    const hosted = new URL(ha.json.response.url);
    const res = await fetch(new URL("/sign-in", clerk), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ hosted_auth: hosted.searchParams.get("hosted_auth"), email: "grace@example.com", password: "qonvex-demo" }).toString(),
    });
    const cb = new URL(res.headers.get("location"));
    const redeemed = await fapi.request("POST", "/client", {
      form: { _method: "GET", rotating_token_nonce: cb.searchParams.get("rotating_token_nonce"), code_verifier: verifier },
    });
    const sid = cb.searchParams.get("created_session_id");
    assert.equal(redeemed.json.response.last_active_session_id, sid);
    const convex = newConvex();
    const { changed } = authenticate(convex, async () => (await fapi.request("POST", `/client/sessions/${sid}/tokens/convex`)).json.jwt);
    assert.equal(await changed, true);
    const me = await convex.query(anyApi.users.me, {});
    assert.equal(me.name, "Grace Hopper");
    assert.equal(me.tokenIdentifier, `${clerk}|${redeemed.json.response.sessions[0].user.id}`);
  });

  test("a token with the wrong audience is rejected; the client falls back to unauthenticated", async () => {
    const { sessionId } = await signInFapi("ada@example.com");
    const convex = newConvex();
    const { fetches, changed } = authenticate(convex, async () => (await control(clerk, "tokens", { sessionId, claims: { aud: "not-convex" } })).jwt);
    assert.equal(await changed, false);
    assert.ok(fetches.some((f) => f.forceRefreshToken === true), "the client retried with a forced refresh");
    assert.equal(await convex.query(anyApi.users.me, {}), null, "queries keep working, unauthenticated");
  });

  test("the plain session token (no Convex integration, so no aud) is rejected", async () => {
    const { fapi, sessionId } = await signInFapi("ada@example.com");
    const convex = newConvex();
    const { changed } = authenticate(convex, async () => (await fapi.request("POST", `/client/sessions/${sessionId}/tokens`)).json.jwt);
    assert.equal(await changed, false);
    assert.equal(await convex.query(anyApi.users.me, {}), null);
  });

  test("an expired convex token is rejected (clock moved back an hour)", async () => {
    const { fapi, sessionId } = await signInFapi("grace@example.com");
    await control(clerk, "clock", { offsetSeconds: -3600 });
    try {
      const convex = newConvex();
      const { changed } = authenticate(convex, async () => (await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`)).json.jwt);
      assert.equal(await changed, false);
      assert.equal(await convex.query(anyApi.users.me, {}), null);
    } finally {
      await control(clerk, "clock", { offsetSeconds: 0 });
    }
  });

  test("a token signed with a key outside the JWKS is rejected", async () => {
    const { fapi, sessionId } = await signInFapi("ada@example.com");
    await control(clerk, "config", { signWithUnknownKid: true });
    try {
      const convex = newConvex();
      const { changed } = authenticate(convex, async () => (await fapi.request("POST", `/client/sessions/${sessionId}/tokens/convex`)).json.jwt);
      assert.equal(await changed, false);
    } finally {
      await control(clerk, "config", { signWithUnknownKid: false });
    }
  });

  test("--token-lifetime sets the convex token lifetime", async () => {
    const other = await startDevstack(["--clerk-only", "--token-lifetime", "3600"]);
    try {
      const s = await control(other.ready.clerkFrontendApi, "sign-in", {});
      const fapi = new NativeFapi(other.ready.clerkFrontendApi);
      fapi.token = s.clientToken;
      const r = await fapi.request("POST", `/client/sessions/${s.sessionId}/tokens/convex`);
      const p = JSON.parse(Buffer.from(r.json.jwt.split(".")[1], "base64url"));
      assert.equal(p.exp - p.iat, 3600);
    } finally {
      await other.stop();
    }
  });
});

describe("lifecycle", () => {
  test("SIGTERM stops both stand-ins", async () => {
    const s = await startDevstack();
    const { code } = await s.stop();
    assert.equal(code, 0);
    await assert.rejects(fetch(`${s.ready.clerkFrontendApi}/v1/environment`));
    await assert.rejects(fetch(`${s.ready.convexUrl}/__devstack/state`));
  });

  test("closing stdin (parent gone) stops it", async () => {
    const s = await startDevstack();
    s.proc.stdin.end();
    const { code } = await withTimeout(s.exited, "exit after stdin close");
    assert.equal(code, 0);
  });

  test("the parent dying stops it (ppid poll), even with stdin not a pipe", async () => {
    // An intermediate parent starts devstack/run with stdin from /dev/null, waits for the ready
    // line, prints the child's pid and exits without stopping it: the orphan must notice.
    const parentScript = `
      const { spawn } = require("node:child_process");
      const c = spawn(${JSON.stringify(RUN)}, ["--clerk-only"], { stdio: ["ignore", "pipe", "ignore"] });
      c.stdout.once("data", () => { process.stdout.write(String(c.pid) + "\\n"); process.exit(0); });`;
    const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    parent.stdout.on("data", (d) => (out += d));
    await withTimeout(new Promise((r) => parent.on("exit", r)), "intermediate parent");
    const pid = Number(out.trim());
    assert.ok(pid > 0, `child pid from parent: ${out}`);
    // A zombie counts as gone: PID 1 in a container may be slow to reap orphans.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
      } catch {
        return false;
      }
    };
    const gone = new Promise((resolve) => {
      const iv = setInterval(() => {
        if (!alive()) {
          clearInterval(iv);
          resolve(true);
        }
      }, 100);
    });
    assert.equal(await withTimeout(gone, "orphaned devstack to exit"), true);
  });

  test("bad arguments fail clearly", async () => {
    const p = recordChildOutput(spawn(RUN, ["--token-lifetime", "soon"], { stdio: ["ignore", "pipe", "pipe"] }), "devstack_run");
    let err = "";
    let out = "";
    p.stderr.on("data", (d) => (err += d));
    p.stdout.on("data", (d) => (out += d));
    const code = await new Promise((r) => p.on("exit", r));
    assert.equal(code, 2);
    assert.equal(out, "");
    assert.match(err, /--token-lifetime must be an integer/);
  });
});
