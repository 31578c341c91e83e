// SPDX-License-Identifier: MIT
// Verifies user JWTs the way the Convex backend does (§7.4 of the sync-protocol reference):
// pick the provider by issuer and audience, discover its keys over OIDC, verify RS256/EdDSA
// signature, issuer, audience and time claims (5 s leeway), then map claims to a UserIdentity.
// Tokens are never logged.
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from "jose";

export type AuthProvider =
  | { domain: string; applicationID: string; type?: undefined }
  | { type: "customJwt"; issuer: string; jwks: string; algorithm: "RS256" | "ES256"; applicationID?: string };

export type UserIdentity = Record<string, unknown> & {
  tokenIdentifier: string;
  subject: string;
  issuer: string;
};

export type VerifiedToken = { identity: UserIdentity; expiresAtMs: number };

export class AuthFailure extends Error {}

const LEEWAY_SECONDS = 5;
// An unknown `kid` refetches the JWKS at once (jose waits 30 s by default), so a test that
// rotates the issuer's keys does not see spurious rejections.
const JWKS_OPTIONS = { timeoutDuration: 10_000, cooldownDuration: 0 };

// Standard OIDC claims and the camelCase attribute Convex exposes them as.
const STANDARD_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  website: "websiteUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
};
// Registered JWT claims, plus `fva`, which Convex drops because it changes on every refresh.
const REGISTERED = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "fva"]);
// For OIDC tokens also the ID-token claims the OIDC library consumes itself.
const OIDC_CONSUMED = new Set([
  ...REGISTERED, "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "c_hash", "address", "updated_at",
]);

function normalizeIssuer(url: string): string {
  const withScheme = /^https?:\/\//.test(url) ? url : `https://${url}`;
  return withScheme.replace(/\/+$/, "");
}

function providerIssuer(p: AuthProvider): string {
  return normalizeIssuer(p.type === "customJwt" ? p.issuer : p.domain);
}

function describe(p: AuthProvider): string {
  return p.type === "customJwt"
    ? `CustomJWT(issuer=${p.issuer}, app_id=${p.applicationID ?? "none"})`
    : `OIDC(domain=${p.domain}, app_id=${p.applicationID})`;
}

function toBool(v: unknown): unknown {
  if (v === "true") return true;
  if (v === "false") return false;
  return v;
}

function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export function identityFromClaims(claims: JWTPayload, oidc: boolean): UserIdentity {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const identity: UserIdentity = { tokenIdentifier: `${issuer}|${subject}`, subject, issuer };
  for (const [claim, value] of Object.entries(claims)) {
    if (value === undefined) continue;
    if (oidc && claim in STANDARD_CLAIMS) {
      if (value === null) continue;
      identity[STANDARD_CLAIMS[claim]] = claim.endsWith("_verified") ? toBool(value) : value;
    } else if (oidc && claim === "address") {
      const formatted = (value as { formatted?: unknown } | null)?.formatted;
      if (typeof formatted === "string") identity.address = formatted;
    } else if (oidc && claim === "updated_at") {
      if (typeof value === "number") identity.updatedAt = rfc3339(value);
      else if (typeof value === "string") identity.updatedAt = value;
    } else if (!(oidc ? OIDC_CONSUMED : REGISTERED).has(claim)) {
      identity[claim] = value;
    }
  }
  return identity;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Verifies tokens against a fixed provider list; discovery results are cached per issuer. */
export class TokenVerifier {
  private keySets = new Map<string, Promise<KeySet>>();

  constructor(private readonly providers: AuthProvider[]) {}

  /** Forget discovered keys (e.g. after the issuer restarted with new keys). */
  clearCache(): void {
    this.keySets.clear();
  }

  async verify(token: string): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthFailure("Could not parse JWT payload. Check that the token is a valid JWT.");
    }
    if (typeof unverified.iss !== "string") {
      throw new AuthFailure("Could not verify token: the JWT has no `iss` claim.");
    }
    const audiences =
      unverified.aud === undefined ? [] : Array.isArray(unverified.aud) ? unverified.aud : [unverified.aud];
    const iss = normalizeIssuer(unverified.iss);
    const provider = this.providers.find(
      (p) =>
        providerIssuer(p) === iss &&
        (p.applicationID === undefined || audiences.includes(p.applicationID)),
    );
    if (provider === undefined) {
      throw new AuthFailure(
        "No auth provider found matching the given token. Check that your JWT's issuer and " +
          `audience match one of your configured providers: [${this.providers.map(describe).join(", ")}]`,
      );
    }
    const oidc = provider.type !== "customJwt";
    if (oidc && audiences.length !== 1) {
      throw new AuthFailure("Could not verify OIDC token claim: tokens with several audiences are rejected.");
    }
    const keys = await this.keySet(provider, unverified.iss);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: unverified.iss,
        audience: provider.applicationID,
        algorithms: oidc ? ["RS256", "EdDSA"] : [provider.algorithm],
        clockTolerance: LEEWAY_SECONDS,
        requiredClaims: oidc ? ["sub", "exp", "iat"] : ["sub", "exp"],
      }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") throw new AuthFailure("Token expired");
      throw new AuthFailure(
        `Could not verify token claim (${code ?? "invalid"}). Check that the token signature ` +
          "is valid, its audience matches the applicationID, and it has not expired.",
      );
    }
    return { identity: identityFromClaims(claims, oidc), expiresAtMs: Number(claims.exp) * 1000 };
  }

  private keySet(provider: AuthProvider, tokenIssuer: string): Promise<KeySet> {
    const key = provider.type === "customJwt" ? `jwks:${provider.jwks}` : `oidc:${tokenIssuer}`;
    let pending = this.keySets.get(key);
    if (pending === undefined) {
      pending =
        provider.type === "customJwt"
          ? Promise.resolve(createRemoteJWKSet(new URL(provider.jwks), JWKS_OPTIONS))
          : discover(tokenIssuer);
      this.keySets.set(key, pending);
      // A failed discovery is retried on the next token instead of being cached.
      pending.catch(() => this.keySets.delete(key));
    }
    return pending;
  }
}

async function discover(issuer: string): Promise<KeySet> {
  const base = normalizeIssuer(issuer);
  const url = `${base}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = (await res.json()) as typeof doc;
  } catch (e) {
    throw new AuthFailure(`Auth provider discovery of ${url} failed: ${(e as Error).message}`);
  }
  if (typeof doc.issuer !== "string" || normalizeIssuer(doc.issuer) !== base) {
    throw new AuthFailure(`Auth provider discovery of ${url} failed: issuer does not match`);
  }
  if (typeof doc.jwks_uri !== "string") {
    throw new AuthFailure(`Auth provider discovery of ${url} failed: no jwks_uri`);
  }
  return createRemoteJWKSet(new URL(doc.jwks_uri), JWKS_OPTIONS);
}
