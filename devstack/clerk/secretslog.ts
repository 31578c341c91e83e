// SPDX-License-Identifier: MIT
// Test-only record of every secret the stand-in hands out (or is handed, for PKCE verifiers),
// so the secrets scan (tests/secrets/) can look for them in everything the app wrote.
// Off unless QONVEX_DEVSTACK_SECRETS_LOG names a file; then one `kind<TAB>value` line is
// appended per secret. Synchronous on purpose: a line must be on disk before the secret can
// reach the client, and a SIGTERM right after must not lose it.
import { appendFileSync } from "node:fs";

export type SecretKind =
  | "client_token" // the Authorization value (a JWT)
  | "client_rotating_value" // the random value inside a client token
  | "session_token" // `/tokens` JWT
  | "convex_jwt" // `/tokens/convex` template JWT (also the `tokens` test control)
  | "rotating_token_nonce" // hosted-auth handoff nonce (in the callback URL)
  | "pkce_verifier"; // code_verifier sent to redeem a nonce

export const SECRETS_LOG_ENV = "QONVEX_DEVSTACK_SECRETS_LOG";

let warned = false;

export function recordSecret(kind: SecretKind, value: string | null | undefined): void {
  const file = process.env[SECRETS_LOG_ENV];
  if (!file || !value) return;
  try {
    appendFileSync(file, `${kind}\t${value}\n`, { mode: 0o600 });
  } catch (e) {
    // Never fail a request over the test record; the scan notices a missing record itself.
    if (!warned) process.stderr.write(`[clerk] cannot append to ${SECRETS_LOG_ENV}: ${(e as NodeJS.ErrnoException).code ?? e}\n`);
    warned = true;
  }
}
