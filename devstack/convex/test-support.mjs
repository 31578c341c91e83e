// SPDX-License-Identifier: MIT
// Shared by devstack/test/convex-*.test.mjs (kept out of test/ so that `node --test` does not
// run it as a test file): bundles the Convex stand-in once per test process, a tiny in-test
// OIDC issuer (RS256 keys, discovery, JWKS), a raw protocol socket, and helpers to wait on
// the official ConvexClient without sleeps.
import { createServer } from "node:http";
import { test as nodeTest } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import WebSocket from "ws";
import { bundleConvexStandin } from "./bundle.mjs";

const WAIT_MS = 15_000;
const TEST_TIMEOUT_MS = 45_000;

/** node:test's `test` with a timeout, so a broken stand-in fails a test instead of hanging. */
export function test(name, fn) {
  return nodeTest(name, { timeout: TEST_TIMEOUT_MS }, fn);
}

/** Runs clean-up steps; none may hang the test process (each gets WAIT_MS). */
export async function cleanUp(...steps) {
  await Promise.allSettled(steps.map((step) => withTimeout(Promise.resolve().then(step), "clean-up")));
}
let bundled;

/** startConvexStandin from a fresh esbuild bundle (as the launcher runs it). */
export async function loadStandin() {
  if (!bundled) {
    bundled = (async () => {
      const dir = mkdtempSync(join(tmpdir(), "convex-standin-test-"));
      process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
      const { server, cli } = await bundleConvexStandin(dir);
      return { ...(await import(server)), cliPath: cli };
    })();
  }
  return bundled;
}

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A loopback OIDC provider: discovery document, JWKS and a signer for test tokens. */
export async function startIssuer() {
  let keyNumber = 0;
  let privateKey;
  let kid;
  let jwk;
  const rotateKey = async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    kid = `test-key-${++keyNumber}`;
    jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" };
  };
  await rotateKey();
  let url;
  const server = createServer((req, res) => {
    const send = (body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration") {
      send({ issuer: url, jwks_uri: `${url}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"] });
    } else if (req.url === "/.well-known/jwks.json") {
      send({ keys: [jwk] });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    /**
     * Signs a token for `sub` (default claims: iss = this issuer, aud "convex", 1 h life).
     * Override with `claims`, or `iat`/`exp` in seconds, or a different `key`.
     */
    /** New signing key and kid; the JWKS then only lists the new key. */
    rotateKey,
    async sign({ sub = "user_1", claims = {}, iat, exp, aud = "convex", iss = url, key = privateKey } = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject(sub)
        .setIssuedAt(iat ?? now)
        .setExpirationTime(exp ?? (iat ?? now) + 3600)
        .sign(key);
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/** An official ConvexClient over the `ws` package. */
export function newClient(url, options = {}) {
  return new ConvexClient(url, { webSocketConstructor: WebSocket, logger: false, ...options });
}

/** Rejects after WAIT_MS with `what` in the message, so a broken test fails instead of hanging. */
export function withTimeout(promise, what, ms = WAIT_MS) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Subscribes and keeps every update; `next(pred)` resolves with the first (current or future)
 * value or error satisfying `pred`.
 */
export function watch(client, ref, args = {}) {
  const seen = [];
  let waiters = [];
  const push = (entry) => {
    seen.push(entry);
    waiters = waiters.filter((w) => !(w.pred(entry) && (w.resolve(entry), true)));
  };
  const unsubscribe = client.onUpdate(ref, args, (value) => push({ value }), (error) => push({ error }));
  return {
    seen,
    unsubscribe,
    next(pred, what = "a matching query update") {
      const hit = seen.findLast((e) => pred(e));
      if (hit) return Promise.resolve(hit);
      return withTimeout(new Promise((resolve) => waiters.push({ pred, resolve })), what);
    },
    value(predicate, what) {
      return this.next((e) => !("error" in e) && predicate(e.value), what).then((e) => e.value);
    },
  };
}

/**
 * A raw sync-protocol socket for wire-level checks. `next(pred)` resolves with the first
 * received message (JSON) matching `pred`, in arrival order, including ones already received.
 */
export async function openSocket(baseUrl, path = "/api/1.48.0/sync", headers = {}) {
  const ws = new WebSocket(baseUrl.replace(/^http/, "ws") + path, { headers });
  const messages = [];
  let waiters = [];
  let consumed = 0;
  const closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data) => {
    messages.push(JSON.parse(data.toString()));
    waiters = waiters.filter((w) => !w());
  });
  await withTimeout(new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); }), "socket open");
  return {
    ws,
    messages,
    closed: withTimeout(closed, "socket close"),
    send(msg) {
      ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
    },
    /** Next not-yet-consumed message matching pred (messages before it are skipped). */
    next(pred = (m) => m.type !== "Ping", what = "a server message") {
      return withTimeout(
        new Promise((resolve) => {
          const check = () => {
            while (consumed < messages.length) {
              const m = messages[consumed++];
              if (pred(m)) {
                resolve(m);
                return true;
              }
            }
            return false;
          };
          if (!check()) waiters.push(check);
        }),
        what,
      );
    },
    close() {
      ws.close();
    },
  };
}

export const CONNECT = (sessionId = randomUUID()) => ({
  type: "Connect", sessionId, connectionCount: 0, lastCloseReason: "InitialConnect", clientTs: Date.now(),
});

/** u64 base64 LE -> BigInt */
export function u64(s) {
  return Buffer.from(s, "base64").readBigUInt64LE(0);
}
