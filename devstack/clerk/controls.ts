// SPDX-License-Identifier: MIT
// Test controls under /__devstack/ (never on FAPI paths): sign in without UI, revoke sessions,
// change lifetimes and switches, move the clock, inject faults, rotate keys, read state and the
// request log. Every control accepts POST with a JSON body (GET works for the read-only ones).
import type { ServerResponse } from "node:http";
import { ClerkCore } from "./core.ts";
import { HttpError, sendJson, type ParsedRequest } from "./http.ts";
import { clientJson, sessionJson } from "./resources.ts";
import type { Config, SessionStatus } from "./state.ts";

export interface Fault {
  id: number;
  method: string;
  path: string;
  regex: RegExp;
  status: number | null;
  code: string | null;
  message: string | null;
  delayMs: number;
  drop: boolean;
  retryAfter: number | null;
  /** How many more requests it applies to; -1 means until cleared. */
  remaining: number;
}

export interface LoggedRequest {
  at: number;
  method: string;
  rawMethod: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  form: Record<string, string>;
  status?: number;
}

const MAX_LOGGED = 2000;

export class Controls {
  faults: Fault[] = [];
  requests: LoggedRequest[] = [];
  private nextFaultId = 1;

  constructor(private readonly core: ClerkCore) {}

  /** The first fault matching the request, consuming one use of it. */
  takeFault(method: string, path: string): Fault | null {
    const f = this.faults.find((x) => (x.method === "*" || x.method === method) && x.regex.test(path));
    if (!f) return null;
    if (f.remaining > 0 && --f.remaining === 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }

  record(req: ParsedRequest): LoggedRequest {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    const entry: LoggedRequest = {
      at: this.core.state.now(),
      method: req.method,
      rawMethod: req.rawMethod,
      path: req.path,
      query: Object.fromEntries(req.query),
      headers,
      form: Object.fromEntries(req.form),
    };
    this.requests.push(entry);
    if (this.requests.length > MAX_LOGGED) this.requests.splice(0, this.requests.length - MAX_LOGGED);
    return entry;
  }

  async handle(req: ParsedRequest, res: ServerResponse): Promise<void> {
    const body = req.json ?? Object.fromEntries(req.form);
    const name = req.path.slice("/__devstack".length);
    const result = await this.dispatch(name, body as Record<string, unknown>);
    sendJson(res, 200, result);
  }

  private async dispatch(name: string, b: Record<string, unknown>): Promise<unknown> {
    const core = this.core;
    const st = core.state;
    switch (name) {
      case "/sign-in": {
        const user = typeof b.userId === "string" ? st.users.get(b.userId) : st.userByEmail(typeof b.email === "string" ? b.email : "ada@example.com");
        if (!user) throw new HttpError(404, "resource_not_found", "No such user");
        const existing = typeof b.clientToken === "string" ? core.clientFromAuthorization(b.clientToken) : null;
        if (typeof b.clientToken === "string" && !existing) throw new HttpError(400, "client_not_found", "clientToken is not a current client token");
        const { client, session } = await core.signInDirectly(user, existing);
        return { clientToken: client.token, clientId: client.id, sessionId: session.id, userId: user.id };
      }
      case "/hosted-auth/complete": {
        // Finish a hosted sign-in as if the user had used the pages; returns the callback URL.
        let id = typeof b.hostedAuthId === "string" ? b.hostedAuthId : "";
        if (!id && typeof b.url === "string") id = new URL(b.url).searchParams.get("hosted_auth") ?? "";
        const ha = core.hostedAuthById(id);
        if (!ha) throw new HttpError(404, "resource_not_found", "No such hosted auth");
        const user = st.userByEmail(typeof b.email === "string" ? b.email : "ada@example.com");
        if (!user) throw new HttpError(404, "resource_not_found", "No such user");
        return { callbackUrl: core.completeHostedAuth(ha, user) };
      }
      case "/tokens": {
        // Mint a `convex` template token with claim overrides (e.g. a wrong `aud`), bypassing
        // session checks, to test how a backend treats malformed tokens.
        const session = st.sessions.get(String(b.sessionId ?? ""));
        if (!session) throw new HttpError(404, "resource_not_found", "No such session");
        const overrides = b.claims && typeof b.claims === "object" ? (b.claims as Record<string, unknown>) : {};
        return { object: "token", jwt: await core.mintTemplateToken(session, "convex", overrides) };
      }
      case "/sessions/revoke":
      case "/sessions/status": {
        const session = st.sessions.get(String(b.sessionId ?? ""));
        if (!session) throw new HttpError(404, "resource_not_found", "No such session");
        const status = (name === "/sessions/revoke" ? "revoked" : String(b.status ?? "")) as SessionStatus;
        if (!["active", "pending", "ended", "removed", "revoked", "expired", "abandoned"].includes(status))
          throw new HttpError(400, "form_param_value_invalid", "Unknown session status");
        st.setSessionStatus(session, status);
        return sessionJson(st, session);
      }
      case "/config": {
        const cfg = st.config as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(b)) {
          if (!(k in cfg)) throw new HttpError(400, "form_param_unknown", `Unknown config key ${k}`);
          if (typeof v !== typeof cfg[k] || (Array.isArray(cfg[k]) && !Array.isArray(v)))
            throw new HttpError(400, "form_param_format_invalid", `Config key ${k} must be a ${typeof cfg[k]}`);
        }
        Object.assign(st.config, b as Partial<Config>);
        return st.config;
      }
      case "/clock": {
        if (typeof b.offsetSeconds === "number") st.clockOffsetMs = b.offsetSeconds * 1000;
        if (typeof b.advanceSeconds === "number") st.clockOffsetMs += b.advanceSeconds * 1000;
        return { offsetSeconds: st.clockOffsetMs / 1000, now: st.now() };
      }
      case "/faults": {
        if (typeof b.path !== "string" || !b.path) throw new HttpError(400, "form_param_missing", "path is required");
        const pattern = b.path
          .split("**")
          .map((part) => part.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
          .join(".*");
        const fault: Fault = {
          id: this.nextFaultId++,
          method: typeof b.method === "string" ? b.method.toUpperCase() : "*",
          path: b.path,
          regex: new RegExp(`^${pattern}$`),
          status: typeof b.status === "number" ? b.status : null,
          code: typeof b.code === "string" ? b.code : null,
          message: typeof b.message === "string" ? b.message : null,
          delayMs: typeof b.delayMs === "number" ? b.delayMs : 0,
          drop: b.drop === true,
          retryAfter: typeof b.retryAfter === "number" ? b.retryAfter : null,
          remaining: typeof b.times === "number" ? b.times : 1,
        };
        if (fault.status === null && !fault.drop && fault.delayMs <= 0)
          throw new HttpError(400, "form_param_missing", "a fault needs status, drop or delayMs");
        this.faults.push(fault);
        return { id: fault.id };
      }
      case "/faults/clear":
        this.faults = [];
        return { cleared: true };
      case "/keys/rotate":
        return { kid: await core.keys.rotate() };
      case "/requests":
        return { requests: this.requests };
      case "/requests/clear":
        this.requests = [];
        return { cleared: true };
      case "/state":
        return {
          config: st.config,
          clockOffsetSeconds: st.clockOffsetMs / 1000,
          kid: core.keys.kid,
          users: [...st.users.values()].map((u) => ({ id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName })),
          clients: [...st.clients.values()].map((c) => clientJson(st, c)),
          sessions: [...st.sessions.values()].map((s) => ({ id: s.id, userId: s.userId, clientId: s.clientId, status: s.status })),
          hostedAuths: [...st.hostedAuths.values()].map((h) => ({
            id: h.id,
            clientId: h.clientId,
            redirectUrl: h.redirectUrl,
            mode: h.mode,
            completed: h.nonce !== null,
            redeemed: h.redeemed,
          })),
          faults: this.faults.map(({ regex: _r, ...f }) => f),
        };
      default:
        throw new HttpError(404, "resource_not_found", `Unknown devstack control ${name}`);
    }
  }
}
