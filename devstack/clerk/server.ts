// SPDX-License-Identifier: MIT
// The Clerk stand-in: one HTTP server for FAPI, discovery, the hosted pages and the test
// controls, plus a second one on another port playing Google (a different origin on purpose).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { Controls } from "./controls.ts";
import { ClerkCore } from "./core.ts";
import { checkNativeRequest, handleFapi } from "./fapi.ts";
import { clerkErrorBody, HttpError, parseRequest, sendHtml, sendJson, type ParsedRequest } from "./http.ts";
import { KeyRing } from "./keys.ts";
import { handleGoogle, handlePages, layout } from "./pages.ts";
import { ClerkState, type Client } from "./state.ts";

export interface ClerkStandinOptions {
  port?: number;
  host?: string;
  googlePort?: number;
  /** Lifetime in seconds of minted session and `convex` template tokens (default 60). */
  tokenLifetime?: number;
  /** Log every request line (method, path, status; never headers or bodies). */
  verbose?: boolean;
  log?: (line: string) => void;
}

export interface ClerkStandin {
  /** FAPI base URL = issuer, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  publishableKey: string;
  /** Where the Account Portal pages live (`/sign-in`, `/sign-up`). */
  accountsUrl: string;
  googleUrl: string;
  core: ClerkCore;
  controls: Controls;
  close(): Promise<void>;
}

/** `pk_test_` + base64(`host$`) without padding, like Clerk's buildPublishableKey. */
export function publishableKeyFor(host: string): string {
  return `pk_test_${Buffer.from(`${host}$`).toString("base64").replace(/=+$/, "")}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return sockets;
}

function discovery(base: string) {
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/token/revoke`,
    introspection_endpoint: `${base}/oauth/token_info`,
    userinfo_endpoint: `${base}/oauth/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    scopes_supported: ["openid", "profile", "email"],
    response_types_supported: ["code"],
    response_modes_supported: ["query", "form_post"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "none", "client_secret_post"],
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "name", "given_name", "family_name", "email", "email_verified", "picture"],
    code_challenge_methods_supported: ["S256"],
    backchannel_logout_supported: false,
    frontchannel_logout_supported: false,
  };
}

const DEFAULT_FAULT_CODES: Record<number, string> = {
  400: "bad_request",
  401: "authentication_invalid",
  403: "forbidden",
  404: "resource_not_found",
  422: "form_param_format_invalid",
  429: "too_many_requests",
  500: "internal_clerk_error",
  502: "bad_gateway",
  503: "service_unavailable",
};

export async function startClerkStandin(opts: ClerkStandinOptions = {}): Promise<ClerkStandin> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? ((line: string) => process.stderr.write(`[clerk] ${line}\n`));
  const state = new ClerkState({ tokenLifetime: opts.tokenLifetime });
  const keys = new KeyRing();

  let core!: ClerkCore;
  let controls!: Controls;
  // Requests that arrive before the core exists wait here instead of failing.
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    await ready;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path.startsWith("/__devstack/")) {
      const parsed = await parseRequest(req);
      return controls.handle(parsed, res);
    }
    if (await handlePages(core, req, res)) return;
    if (path.startsWith("/v1/") || path.startsWith("/.well-known/")) return handleApi(req, res);
    sendHtml(res, 404, layout("Not found", `<h1>Not found</h1><p class="sub">Try <a href="/sign-in">/sign-in</a>.</p>`));
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = await parseRequest(req);
    const entry = controls.record(parsed);
    const fault = controls.takeFault(parsed.method, parsed.path);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.drop) {
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    const reply = (status: number, body: unknown, headers: Record<string, string>) => {
      entry.status = status;
      sendJson(res, status, body, headers);
    };
    if (parsed.path.startsWith("/.well-known/")) {
      if (fault?.status) return reply(fault.status, { error: fault.code ?? DEFAULT_FAULT_CODES[fault.status] ?? "error" }, {});
      if (parsed.path === "/.well-known/jwks.json") return reply(200, await core.keys.jwks(), {});
      if (parsed.path === "/.well-known/openid-configuration" || parsed.path === "/.well-known/oauth-authorization-server")
        return reply(200, discovery(core.base), {});
      return reply(404, { error: "not_found" }, {});
    }

    const traceId = randomBytes(8).toString("hex");
    let client: Client | null = core.clientFromAuthorization(parsed.headers.authorization);
    let status = 200;
    let body: unknown;
    let clear = false;
    try {
      checkNativeRequest(core, parsed);
      if (fault?.status) {
        const code = fault.code ?? DEFAULT_FAULT_CODES[fault.status] ?? "unexpected_error";
        throw new HttpError(fault.status, code, fault.message ?? `Injected fault: ${code}`);
      }
      const result = await handleFapi(core, parsed, client);
      status = result.status;
      body = result.body;
      clear = !!result.clearAuthorization;
      client = result.client ?? (clear ? null : client);
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, "internal_clerk_error", "Internal error", "The stand-in failed to handle this request");
      if (!(e instanceof HttpError)) log(`internal error on ${parsed.method} ${parsed.path}: ${(e as Error)?.stack ?? e}`);
      status = err.status;
      body = clerkErrorBody(err, traceId);
      client = core.clientFromAuthorization(parsed.headers.authorization);
    }
    const headers: Record<string, string> = { "x-clerk-trace-id": traceId, "access-control-expose-headers": "Authorization" };
    if (fault?.retryAfter !== null && fault?.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    else if (status === 429) headers["retry-after"] = "1";
    // Every response carries a client token: the current one, a rotated one, or (when the
    // request had none that is valid) the token of a freshly created client, like FAPI does.
    if (clear) headers.authorization = "";
    else {
      if (!client) client = await core.newClient();
      else if (core.state.config.rotateOnEveryResponse) await core.rotateClientToken(client);
      headers.authorization = client.token;
    }
    reply(status, body, headers);
  };

  const wrap = (fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    fn(req, res)
      .catch((e) => {
        if (e instanceof HttpError) {
          if (!res.headersSent) sendJson(res, e.status, clerkErrorBody(e, "devstack"));
        } else {
          log(`internal error on ${req.method} ${new URL(req.url ?? "/", "http://x").pathname}: ${(e as Error)?.stack ?? e}`);
          if (!res.headersSent) sendJson(res, 500, clerkErrorBody(new HttpError(500, "internal_clerk_error", "Internal error"), "devstack"));
          else res.destroy();
        }
      })
      .finally(() => {
        // Paths only: queries and bodies may hold nonces or tokens.
        if (opts.verbose) log(`${req.method} ${new URL(req.url ?? "/", "http://x").pathname} ${res.statusCode} ${Date.now() - started}ms`);
      });
  };

  const server = createServer(wrap(handle));
  const googleServer = createServer(wrap((req, res) => handleGoogle(core, req, res)));
  server.keepAliveTimeout = 5000;
  const sockets = trackSockets(server);
  const googleSockets = trackSockets(googleServer);
  const [port, googlePort] = await Promise.all([listen(server, opts.port ?? 0, host), listen(googleServer, opts.googlePort ?? 0, host)]);
  const hostPort = `${host}:${port}`;
  const base = `http://${hostPort}`;
  const googleBase = `http://${host}:${googlePort}`;
  core = new ClerkCore(state, keys, base, googleBase);
  controls = new Controls(core);
  markReady();

  const closeServer = (s: Server, socks: Set<Socket>) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      for (const sock of socks) sock.destroy();
    });
  return {
    url: base,
    publishableKey: publishableKeyFor(hostPort),
    accountsUrl: base,
    googleUrl: googleBase,
    core,
    controls,
    close: () => Promise.all([closeServer(server, sockets), closeServer(googleServer, googleSockets)]).then(() => undefined),
  };
}
