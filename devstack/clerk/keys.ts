// SPDX-License-Identifier: MIT
// Signing keys and JWT minting for the Clerk stand-in. One RS256 key is active at a time; a
// rotated-out key stays in the JWKS until the next rotation so tokens minted just before a
// rotation still verify (like Clerk, which publishes more than one key during rollover).
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

type KeyLike = CryptoKey;

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export function randomId(prefix: string, bytes = 12): string {
  // Clerk ids look like `user_2abc…`: a prefix and a base62-ish tail. Hex is fine for tests.
  return `${prefix}_${randomBytes(bytes).toString("hex")}`;
}

async function makeKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomId("ins", 10);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicJwk };
}

export class KeyRing {
  // Key generation runs in the background (RSA-2048 can take a second on a busy 2-core box),
  // so the servers can report ready at once; anything that signs or publishes awaits it.
  private current: Promise<SigningKey>;
  private previous: SigningKey | null = null;
  // A key that is never published: tokens signed with it carry an unknown kid (JWKS-refresh tests).
  private rogue: Promise<SigningKey> | null = null;
  private currentKid = "";

  constructor() {
    this.current = makeKey();
    this.current.then((k) => (this.currentKid = k.kid)).catch(() => undefined);
  }

  /** The kid of the active key ("" until the first key exists). */
  get kid(): string {
    return this.currentKid;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const keys = [(await this.current).publicJwk];
    if (this.previous) keys.push(this.previous.publicJwk);
    return { keys };
  }

  async rotate(): Promise<string> {
    const old = await this.current;
    const next = await makeKey();
    this.previous = old;
    this.current = Promise.resolve(next);
    this.currentKid = next.kid;
    return next.kid;
  }

  async sign(claims: Record<string, unknown>, opts: { unknownKid?: boolean } = {}): Promise<string> {
    let key: SigningKey;
    if (opts.unknownKid) {
      this.rogue ??= makeKey();
      key = await this.rogue;
    } else {
      key = await this.current;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
      .sign(key.privateKey);
  }
}
