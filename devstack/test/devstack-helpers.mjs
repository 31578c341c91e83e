// SPDX-License-Identifier: MIT
// Test helpers: start `devstack/run` as a real child process and read its ready line, plus a
// tiny native-mode FAPI client that behaves like the SDKs (sends _is_native=1 and the stored
// Authorization, saves every Authorization response header).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const RUN = join(dirname(fileURLToPath(import.meta.url)), "..", "run");

let recorded = 0;
/** Under the secrets scan (tests/secrets/run-captured.sh sets QONVEX_SECRETS_CHILD_DIR), appends
 *  everything `child` prints on its piped stdout/stderr to files the scan reads, as
 *  tests/common/childoutput.h does for the C++ tests: output a test keeps in memory is checked
 *  for issued tokens too. Call right after spawn(), before any output can arrive. */
export function recordChildOutput(child, name) {
  const dir = process.env.QONVEX_SECRETS_CHILD_DIR;
  if (!dir) return child;
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${name}-node${process.pid}-${++recorded}`);
  for (const stream of ["stdout", "stderr"]) {
    child[stream]?.on("data", (d) => appendFileSync(`${base}.${stream}`, d));
  }
  return child;
}

/** Spawns devstack/run; resolves with { ready, proc, stop, stderr, readyMs } once the JSON line arrives. */
export function startDevstack(args = [], { timeoutMs = 30000 } = {}) {
  const started = performance.now();
  const proc = recordChildOutput(spawn(RUN, args, { stdio: ["pipe", "pipe", "pipe"] }), "devstack_run");
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    return exited;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`devstack/run not ready within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    proc.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        const ready = JSON.parse(out.slice(0, nl));
        resolve({ ready, proc, stop, exited, readyMs: performance.now() - started, stderr: () => stderr, stdoutRest: () => out.slice(nl + 1) });
      } catch (e) {
        proc.kill("SIGKILL");
        reject(new Error(`ready line is not JSON: ${out.slice(0, nl)}`));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`devstack/run exited (${code ?? signal}) before ready; stderr:\n${stderr}`));
    });
  });
}

export async function control(base, name, body = {}) {
  const r = await fetch(`${base}/__devstack/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`control ${name} answered ${r.status}: ${JSON.stringify(json)}`);
  return json;
}

export function pkcePair() {
  const verifier = randomBytes(32).toString("hex");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

/** A native-mode FAPI client in the style of clerk-expo / ClerkKit. */
export class NativeFapi {
  constructor(base) {
    this.base = base;
    this.token = ""; // empty before the first response, as FAPI asks for
    this.seenTokens = [];
  }

  async request(method, path, { form, query = {}, headers = {} } = {}) {
    const url = new URL(`/v1${path}`, this.base);
    url.searchParams.set("_is_native", "1");
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const init = { method, headers: { authorization: this.token, "clerk-api-version": "2026-05-12", ...headers } };
    if (form) {
      init.body = new URLSearchParams(form).toString();
      init.headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const r = await fetch(url, init);
    const auth = r.headers.get("authorization");
    if (auth !== null) {
      this.token = auth;
      this.seenTokens.push(auth);
    }
    const text = await r.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = { raw: text };
    }
    return { status: r.status, json, authorization: auth };
  }
}

export function decodeJwtPayload(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}
