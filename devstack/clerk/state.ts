// SPDX-License-Identifier: MIT
// In-memory state of the Clerk stand-in: users, clients, sessions, hosted-auth handoffs and
// their single-use nonces, plus the knobs the test controls turn. Nothing is persisted: a
// restart signs everybody out, which is also what a wiped Clerk dev instance does.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { randomId } from "./keys.ts";

export interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  emailId: string;
  password: string;
  imageUrl: string;
  createdAt: number; // ms
  updatedAt: number; // ms
}

export type SessionStatus = "active" | "pending" | "ended" | "removed" | "revoked" | "expired" | "abandoned";

export interface Session {
  id: string;
  userId: string;
  clientId: string | null; // null while a hosted-auth handoff still owns it
  status: SessionStatus;
  createdAt: number;
  updatedAt: number;
  lastActiveAt: number;
  lastActiveOrganizationId: string | null;
  lastActiveToken: string | null;
}

export interface Client {
  id: string;
  // The client token is a JWT carrying the id and this rotating value; rotation makes every
  // earlier token for the client invalid (Clerk's session-fixation protection).
  rotatingToken: string;
  token: string;
  sessionIds: string[];
  lastActiveSessionId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface HostedAuth {
  id: string;
  clientId: string;
  redirectUrl: string;
  codeChallenge: string;
  state: string;
  mode: "sign-in" | "sign-up";
  createdAt: number;
  // Filled when the user finishes the hosted pages.
  nonce: string | null;
  nonceExpiresAt: number;
  sessionId: string | null;
  redeemed: boolean;
}

export interface Config {
  /** Lifetime in seconds of `/tokens/convex` template tokens. */
  convexTokenLifetime: number;
  /** Lifetime in seconds of plain session tokens (`/tokens`). */
  sessionTokenLifetime: number;
  /** Clerk's "Convex integration": plain session tokens carry `aud: "convex"`. */
  convexIntegration: boolean;
  /** `auth_config.native_settings.api_enabled`; false answers native calls with native_api_disabled. */
  nativeApiEnabled: boolean;
  /** Origins allowed to send `Origin` together with `Authorization`. */
  allowedOrigins: string[];
  /** Reject native requests with no `Authorization` header at all (an empty one is fine). */
  requireAuthorizationHeader: boolean;
  /** Mint a new client token on every FAPI response (stress test for token persistence). */
  rotateOnEveryResponse: boolean;
  /** Sign new JWTs with a key that is not in the JWKS. */
  signWithUnknownKid: boolean;
  /** Seconds a rotating-token nonce stays redeemable. */
  nonceLifetime: number;
}

export const DEMO_PASSWORD = "qonvex-demo";
export const NONCE_LIFETIME_SECONDS = 300;

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function sameString(a: string, b: string): boolean {
  const ab = new TextEncoder().encode(a);
  const bb = new TextEncoder().encode(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export class ClerkState {
  users = new Map<string, User>();
  clients = new Map<string, Client>();
  sessions = new Map<string, Session>();
  hostedAuths = new Map<string, HostedAuth>();
  /** One-time codes handed out by the fake Google page, mapped to the chosen user. */
  googleCodes = new Map<string, { userId: string; oauthState: string }>();
  /** OAuth `state` values Clerk handed to the fake Google page, mapped back to the flow. */
  oauthStates = new Map<string, { hostedAuthId: string | null; redirectUrl: string | null }>();
  /** Clock offset in ms, moved by the clock control so tests never wait for real time. */
  clockOffsetMs = 0;
  config: Config;

  constructor(opts: { tokenLifetime?: number } = {}) {
    const lifetime = opts.tokenLifetime ?? 60;
    this.config = {
      convexTokenLifetime: lifetime,
      sessionTokenLifetime: lifetime,
      convexIntegration: false,
      nativeApiEnabled: true,
      allowedOrigins: [],
      requireAuthorizationHeader: true,
      rotateOnEveryResponse: false,
      signWithUnknownKid: false,
      nonceLifetime: NONCE_LIFETIME_SECONDS,
    };
    this.addUser("Ada", "Lovelace", "ada@example.com", DEMO_PASSWORD, "user_2adaLovelace0000000000001");
    this.addUser("Grace", "Hopper", "grace@example.com", DEMO_PASSWORD, "user_2graceHopper000000000002");
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  addUser(firstName: string, lastName: string, email: string, password: string, id = randomId("user")): User {
    const t = this.now();
    const user: User = {
      id,
      firstName,
      lastName,
      email: email.toLowerCase(),
      emailId: randomId("idn"),
      password,
      imageUrl: `https://img.clerk.com/devstack/${id}.png`,
      createdAt: t,
      updatedAt: t,
    };
    this.users.set(user.id, user);
    return user;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    for (const u of this.users.values()) if (u.email === wanted) return u;
    return undefined;
  }

  createClient(): Client {
    const t = this.now();
    const client: Client = {
      id: randomId("client"),
      rotatingToken: "",
      token: "",
      sessionIds: [],
      lastActiveSessionId: null,
      createdAt: t,
      updatedAt: t,
    };
    this.clients.set(client.id, client);
    return client;
  }

  /** A new rotating value; the caller signs the new client token with it. */
  newRotatingToken(client: Client): string {
    client.rotatingToken = randomBytes(16).toString("hex");
    client.updatedAt = this.now();
    return client.rotatingToken;
  }

  createSession(user: User, clientId: string | null): Session {
    const t = this.now();
    const session: Session = {
      id: randomId("sess"),
      userId: user.id,
      clientId,
      status: "active",
      createdAt: t,
      updatedAt: t,
      lastActiveAt: t,
      lastActiveOrganizationId: null,
      lastActiveToken: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Single-session mode: the new session replaces whatever the client had. */
  attachSession(client: Client, session: Session): void {
    for (const sid of client.sessionIds) {
      const old = this.sessions.get(sid);
      if (old && (old.status === "active" || old.status === "pending")) {
        old.status = "removed";
        old.updatedAt = this.now();
      }
    }
    session.clientId = client.id;
    client.sessionIds = [session.id];
    client.lastActiveSessionId = session.id;
    client.updatedAt = this.now();
  }

  setSessionStatus(session: Session, status: SessionStatus): void {
    session.status = status;
    session.updatedAt = this.now();
    if (status !== "active" && status !== "pending" && session.clientId) {
      const client = this.clients.get(session.clientId);
      if (client) {
        client.sessionIds = client.sessionIds.filter((id) => id !== session.id);
        if (client.lastActiveSessionId === session.id) client.lastActiveSessionId = null;
        client.updatedAt = this.now();
      }
    }
  }

  /** Sessions the client still shows (Clerk drops ended/removed ones from `client.sessions`). */
  liveSessions(client: Client): Session[] {
    return client.sessionIds
      .map((id) => this.sessions.get(id))
      .filter((s): s is Session => !!s && (s.status === "active" || s.status === "pending"));
  }
}
