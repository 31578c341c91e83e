// SPDX-License-Identifier: MIT
// The Frontend API subset a native client needs (reference §2.3 and §7), in native mode only:
// the client token travels in the `Authorization` header, never in cookies. The caller
// (server.ts) attaches the current client token to every response, errors included.
import { ClerkCore } from "./core.ts";
import { HttpError, type ParsedRequest } from "./http.ts";
import { clientJson, environmentJson, sessionJson } from "./resources.ts";
import { recordSecret } from "./secretslog.ts";
import { pkceChallenge, sameString, type Client, type Session } from "./state.ts";

export interface FapiResult {
  status: number;
  body: unknown;
  /** The client whose token goes into the response header (after any rotation). */
  client: Client | null;
  /** Send an empty `Authorization` header: the client was destroyed. */
  clearAuthorization?: boolean;
}

const SIGNED_OUT = () => new HttpError(401, "signed_out", "Signed out", "You are signed out");

function isNative(req: ParsedRequest): boolean {
  const v = req.query.get("_is_native") ?? req.form.get("_is_native");
  return v === "1" || v === "true";
}

/** Request-level checks that real FAPI does before routing (reference §2.1, §7). */
export function checkNativeRequest(core: ClerkCore, req: ParsedRequest): void {
  const cfg = core.state.config;
  const isEnvironment = req.path === "/v1/environment";
  if (!isNative(req)) {
    if (isEnvironment) return;
    throw new HttpError(
      400,
      "native_mode_required",
      "Native mode required",
      "This Clerk stand-in only speaks the native Frontend API: add _is_native=1 and send the client token in the Authorization header.",
    );
  }
  const origin = req.headers.origin;
  const authorization = req.headers.authorization;
  if (origin && authorization !== undefined && !cfg.allowedOrigins.includes(origin))
    throw new HttpError(
      400,
      "origin_authorization_headers_conflict",
      "Origin and Authorization headers conflict",
      "Only one of the 'Origin' and 'Authorization' headers should be provided, but not both. In browser contexts, the 'Origin' header is set automatically by the browser. In native application contexts (e.g. mobile apps), set the 'Authorization' header.",
    );
  // The environment stays readable so a client can see api_enabled:false and explain it.
  if (!cfg.nativeApiEnabled && !isEnvironment)
    throw new HttpError(
      400,
      "native_api_disabled",
      "Native API is disabled",
      "The Native API is disabled for this instance. Enable it in the dashboard under Native applications. Requests with _is_native=1 or _is_native=true are rejected.",
    );
  if (authorization === undefined && cfg.requireAuthorizationHeader && !isEnvironment)
    throw new HttpError(
      400,
      "request_header_missing",
      "Request header missing",
      "Set the Authorization header to a valid Clerk client JWT, or set it to an empty string for your first Frontend API request that will return your Clerk client JWT.",
    );
}

function requireClient(client: Client | null): Client {
  if (!client) throw SIGNED_OUT();
  return client;
}

function sessionOfClient(core: ClerkCore, client: Client, sid: string): Session {
  const session = core.state.sessions.get(sid);
  if (!session || session.clientId !== client.id)
    throw new HttpError(404, "resource_not_found", "Resource not found", `No session was found with id ${sid}`);
  return session;
}

function requireActive(session: Session): void {
  if (session.status !== "active")
    throw new HttpError(
      401,
      "authentication_invalid",
      "Unable to authenticate request",
      "Unable to authenticate the request, you need to supply an active session",
      { session_status: session.status },
    );
}

function envelope(core: ClerkCore, response: unknown, client: Client | null, status = 200): FapiResult {
  return { status, body: { response, client: client ? clientJson(core.state, client) : null }, client };
}

async function redeemHostedAuth(core: ClerkCore, req: ParsedRequest, client: Client | null): Promise<FapiResult> {
  const c = requireClient(client);
  const nonce = req.form.get("rotating_token_nonce") ?? req.query.get("rotating_token_nonce") ?? "";
  const verifier = req.form.get("code_verifier") ?? "";
  recordSecret("pkce_verifier", verifier);
  const invalidNonce = (why: string) =>
    new HttpError(400, "rotating_token_nonce_invalid", "Invalid rotating token nonce", why, { param_name: "rotating_token_nonce" });
  const ha = [...core.state.hostedAuths.values()].find((h) => h.nonce !== null && sameString(h.nonce, nonce));
  if (!ha) throw invalidNonce("The rotating token nonce is unknown.");
  if (ha.redeemed) throw invalidNonce("The rotating token nonce has already been used.");
  if (core.state.now() > ha.nonceExpiresAt) throw invalidNonce("The rotating token nonce has expired.");
  if (ha.clientId !== c.id) throw invalidNonce("The rotating token nonce belongs to a different client.");
  if (!verifier)
    throw new HttpError(422, "form_param_missing", "is missing", "code_verifier must be included.", { param_name: "code_verifier" });
  // A wrong verifier does not burn the nonce: only the holder of the right verifier can use it anyway.
  if (!sameString(pkceChallenge(verifier), ha.codeChallenge))
    throw new HttpError(422, "pkce_verification_failed", "PKCE verification failed", "The code verifier does not match the code challenge.", {
      param_name: "code_verifier",
    });
  const session = ha.sessionId ? core.state.sessions.get(ha.sessionId) : undefined;
  if (!session || session.status !== "active") throw invalidNonce("The session of this sign-in no longer exists.");
  ha.redeemed = true;
  core.state.attachSession(c, session);
  await core.rotateClientToken(c);
  return envelope(core, clientJson(core.state, c), c);
}

const CUSTOM_SCHEME = /^[a-z][a-z0-9+.-]*$/;

function hostedAuth(core: ClerkCore, req: ParsedRequest, client: Client | null): FapiResult {
  const c = requireClient(client);
  const redirectUrl = req.form.get("redirect_url") ?? "";
  const challenge = req.form.get("code_challenge") ?? "";
  const state = req.form.get("state") ?? "";
  const mode = req.form.get("mode") ?? "sign-in";
  for (const [name, value] of [["redirect_url", redirectUrl], ["code_challenge", challenge], ["state", state]] as const)
    if (!value) throw new HttpError(422, "form_param_missing", "is missing", `${name} must be included.`, { param_name: name });
  let parsed: URL;
  try {
    parsed = new URL(redirectUrl);
  } catch {
    throw new HttpError(422, "invalid_redirect_url", "is invalid", "redirect_url is not a valid URL.", { param_name: "redirect_url" });
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  if (!CUSTOM_SCHEME.test(scheme) || scheme === "http" || scheme === "https" || scheme === "javascript" || scheme === "file")
    throw new HttpError(422, "invalid_redirect_url", "is invalid", "Hosted authentication needs a custom-scheme redirect_url.", {
      param_name: "redirect_url",
    });
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
    throw new HttpError(422, "form_param_format_invalid", "is invalid", "code_challenge must be a base64url SHA-256 digest (43 characters).", {
      param_name: "code_challenge",
    });
  if (mode !== "sign-in" && mode !== "sign-up")
    throw new HttpError(422, "form_param_value_invalid", "is invalid", "mode must be sign-in or sign-up.", { param_name: "mode" });
  const ha = core.createHostedAuth(c, redirectUrl, challenge, state, mode);
  const url = `${core.base}/${mode}?hosted_auth=${encodeURIComponent(ha.id)}`;
  return envelope(core, { object: "hosted_auth", id: ha.id, url }, c);
}

export async function handleFapi(core: ClerkCore, req: ParsedRequest, client: Client | null): Promise<FapiResult> {
  const { method, path } = req;
  const st = core.state;

  if (path === "/v1/environment") {
    if (method !== "GET" && method !== "PATCH") throw methodNotAllowed(method, path);
    return { status: 200, body: environmentJson(st, core.base), client };
  }

  if (path === "/v1/client") {
    if (method === "GET") {
      if (req.form.get("rotating_token_nonce") || req.query.get("rotating_token_nonce")) return redeemHostedAuth(core, req, client);
      return client ? envelope(core, clientJson(st, client), client) : { status: 200, body: { response: null, client: null }, client: null };
    }
    if (method === "PUT" || method === "POST") {
      const c = await core.newClient();
      return envelope(core, clientJson(st, c), c);
    }
    if (method === "DELETE") {
      const c = requireClient(client);
      for (const s of st.liveSessions(c)) st.setSessionStatus(s, "removed");
      st.clients.delete(c.id);
      const body = { response: { ...clientJson(st, c), sessions: [], id: c.id, object: "client" }, client: null };
      return { status: 200, body, client: null, clearAuthorization: true };
    }
    throw methodNotAllowed(method, path);
  }

  if (path === "/v1/client/hosted_auth") {
    if (method !== "POST") throw methodNotAllowed(method, path);
    return hostedAuth(core, req, client);
  }

  if (path === "/v1/client/sessions") {
    if (method !== "DELETE") throw methodNotAllowed(method, path);
    const c = requireClient(client);
    for (const s of st.liveSessions(c)) st.setSessionStatus(s, "removed");
    return envelope(core, clientJson(st, c), c);
  }

  const m = /^\/v1\/client\/sessions\/([^/]+)\/(touch|end|remove|tokens)(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const [, sid, action, template] = m;
    if (method !== "POST") throw methodNotAllowed(method, path);
    if (template !== undefined && action !== "tokens") throw notFound(path);
    const c = requireClient(client);
    const session = sessionOfClient(core, c, decodeURIComponent(sid));
    switch (action) {
      case "touch": {
        requireActive(session);
        const org = req.form.get("active_organization_id");
        session.lastActiveOrganizationId = org ? org : null;
        session.lastActiveAt = st.now();
        session.updatedAt = st.now();
        c.lastActiveSessionId = session.id;
        c.updatedAt = st.now();
        return envelope(core, sessionJson(st, session), c);
      }
      case "end":
      case "remove": {
        st.setSessionStatus(session, action === "end" ? "ended" : "removed");
        return envelope(core, sessionJson(st, session), c);
      }
      default: {
        requireActive(session);
        const jwt =
          template === undefined
            ? await core.mintSessionToken(session)
            : await core.mintTemplateToken(session, decodeURIComponent(template));
        // Token endpoints answer with the token itself, not the envelope (reference §2.2).
        return { status: 200, body: { object: "token", jwt }, client: c };
      }
    }
  }
  throw notFound(path);
}

function notFound(path: string) {
  return new HttpError(404, "resource_not_found", "Resource not found", `The requested resource ${path} was not found`);
}

function methodNotAllowed(method: string, path: string) {
  return new HttpError(405, "request_method_not_allowed", "Method not allowed", `${method} is not allowed on ${path}`);
}
