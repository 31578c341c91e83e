// SPDX-License-Identifier: MIT
// Operations shared by the FAPI routes, the hosted pages and the test controls: client tokens,
// session JWTs, and finishing a hosted-auth handoff.
import { randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { HttpError } from "./http.ts";
import { KeyRing, randomId } from "./keys.ts";
import { recordSecret } from "./secretslog.ts";
import type { Client, ClerkState, HostedAuth, Session, User } from "./state.ts";

export const CONVEX_TEMPLATE = "convex";

export class ClerkCore {
  constructor(
    readonly state: ClerkState,
    readonly keys: KeyRing,
    /** The issuer and FAPI base URL, without a trailing slash. */
    readonly base: string,
    /** Base URL of the fake Google sign-in (a different origin). */
    readonly googleBase: string,
  ) {}

  /** Rotates the client's token: every earlier token of this client stops working. */
  async rotateClientToken(client: Client): Promise<string> {
    const rotating = this.state.newRotatingToken(client);
    const iat = Math.floor(this.state.now() / 1000);
    client.token = await this.keys.sign({ id: client.id, rotating_token: rotating, iat });
    recordSecret("client_rotating_value", rotating);
    recordSecret("client_token", client.token);
    return client.token;
  }

  async newClient(): Promise<Client> {
    const client = this.state.createClient();
    await this.rotateClientToken(client);
    return client;
  }

  /** Accepts the raw token or `Bearer <token>`; null for empty, unknown or rotated-out tokens. */
  clientFromAuthorization(header: string | undefined): Client | null {
    if (!header) return null;
    const token = header.replace(/^Bearer\s*/i, "").trim();
    if (!token) return null;
    let id: unknown;
    try {
      id = decodeJwt(token).id;
    } catch {
      return null;
    }
    if (typeof id !== "string") return null;
    const client = this.state.clients.get(id);
    // Exact comparison with the current token is what makes rotation invalidate old ones.
    return client && client.token === token ? client : null;
  }

  private timeClaims(lifetime: number, skew: number) {
    const iat = Math.floor(this.state.now() / 1000);
    return { iat, nbf: iat - skew, exp: iat + lifetime, jti: randomBytes(10).toString("hex") };
  }

  private sessionFor(session: Session): { session: Session; user: User } {
    const user = this.state.users.get(session.userId);
    if (!user) throw new HttpError(404, "resource_not_found", "Resource not found", `No user was found with id ${session.userId}`);
    return { session, user };
  }

  /** The default session token (`/tokens`): Clerk's v2 claims, `aud` only with the Convex integration. */
  async mintSessionToken(s: Session): Promise<string> {
    const { user } = this.sessionFor(s);
    const cfg = this.state.config;
    const claims: Record<string, unknown> = {
      iss: this.base,
      sub: user.id,
      sid: s.id,
      ...this.timeClaims(cfg.sessionTokenLifetime, 10),
      v: 2,
      fva: [0, -1],
      pla: "u:free_user",
      fea: "",
    };
    if (cfg.convexIntegration) claims.aud = "convex";
    const jwt = await this.keys.sign(claims, { unknownKid: cfg.signWithUnknownKid });
    s.lastActiveToken = jwt;
    recordSecret("session_token", jwt);
    return jwt;
  }

  /** A JWT-template token; only the `convex` preset exists. */
  async mintTemplateToken(s: Session, template: string, overrides: Record<string, unknown> = {}): Promise<string> {
    if (template !== CONVEX_TEMPLATE)
      throw new HttpError(404, "resource_not_found", "Resource not found", `No JWT template exists with name: ${template}`);
    const { user } = this.sessionFor(s);
    const cfg = this.state.config;
    const claims = {
      aud: "convex",
      iss: this.base,
      sub: user.id,
      ...this.timeClaims(cfg.convexTokenLifetime, 5),
      name: `${user.firstName} ${user.lastName}`,
      given_name: user.firstName,
      family_name: user.lastName,
      nickname: null,
      email: user.email,
      email_verified: true,
      picture: user.imageUrl,
      updated_at: Math.floor(user.updatedAt / 1000),
      phone_number: null,
      phone_number_verified: false,
      ...overrides,
    };
    const jwt = await this.keys.sign(claims, { unknownKid: cfg.signWithUnknownKid });
    recordSecret("convex_jwt", jwt);
    return jwt;
  }

  /**
   * The user finished the hosted pages: create the session (owned by the handoff until the
   * app redeems the nonce) and return the custom-scheme callback URL.
   */
  completeHostedAuth(ha: HostedAuth, user: User): string {
    if (ha.redeemed) throw new HttpError(400, "hosted_auth_already_used", "This sign-in link was already used");
    if (ha.sessionId) {
      const stale = this.state.sessions.get(ha.sessionId);
      if (stale) this.state.setSessionStatus(stale, "abandoned");
    }
    const session = this.state.createSession(user, null);
    ha.sessionId = session.id;
    ha.nonce = randomBytes(24).toString("base64url");
    recordSecret("rotating_token_nonce", ha.nonce);
    ha.nonceExpiresAt = this.state.now() + this.state.config.nonceLifetime * 1000;
    const target = new URL(ha.redirectUrl);
    target.searchParams.set("state", ha.state);
    target.searchParams.set("rotating_token_nonce", ha.nonce);
    target.searchParams.set("created_session_id", session.id);
    return target.toString();
  }

  /** The "fail" path of the hosted pages, like Clerk's OAuth failure redirect. */
  failHostedAuthUrl(ha: HostedAuth, code = "oauth_access_denied"): string {
    const target = new URL(ha.redirectUrl);
    target.searchParams.set("state", ha.state);
    target.searchParams.set("__clerk_status", "failed");
    target.searchParams.set("__clerk_error_code", code);
    return target.toString();
  }

  /** Sign a user in without any UI (test control): a client with one active session. */
  async signInDirectly(user: User, client?: Client | null): Promise<{ client: Client; session: Session }> {
    const c = client ?? (await this.newClient());
    const session = this.state.createSession(user, c.id);
    this.state.attachSession(c, session);
    await this.rotateClientToken(c);
    return { client: c, session };
  }

  hostedAuthById(id: string | null): HostedAuth | null {
    if (!id) return null;
    return this.state.hostedAuths.get(id) ?? null;
  }

  createHostedAuth(client: Client, redirectUrl: string, codeChallenge: string, state: string, mode: "sign-in" | "sign-up"): HostedAuth {
    const ha: HostedAuth = {
      id: randomId("hauth"),
      clientId: client.id,
      redirectUrl,
      codeChallenge,
      state,
      mode,
      createdAt: this.state.now(),
      nonce: null,
      nonceExpiresAt: 0,
      sessionId: null,
      redeemed: false,
    };
    this.state.hostedAuths.set(ha.id, ha);
    return ha;
  }
}
