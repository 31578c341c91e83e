// SPDX-License-Identifier: MIT
// The hosted "Account Portal" pages (sign-in, sign-up) and a fake Google sign-in served on a
// separate origin. Element ids (#email, #password, #submit, #google, …) are stable for tests.
// State travels in the query (hosted_auth id), never in cookies.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { ClerkCore } from "./core.ts";
import { escapeHtml as h, parseRequest, redirect, sendHtml } from "./http.ts";
import { DEMO_PASSWORD, type User } from "./state.ts";

const CSS = `
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
background:#f3f4f6;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827}
.card{background:#fff;width:100%;max-width:400px;padding:32px;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 20px;color:#6b7280}
label{display:block;font-weight:600;font-size:13px;margin:14px 0 6px}
input{width:100%;padding:10px 12px;border:1px solid #d1d5db;border-radius:8px;font-size:15px}
input:focus{outline:2px solid #6c47ff;border-color:transparent}
button,.btn{display:block;width:100%;margin-top:18px;padding:10px;border:0;border-radius:8px;background:#6c47ff;color:#fff;
font-size:15px;font-weight:600;cursor:pointer;text-align:center;text-decoration:none}
.btn.google{background:#fff;color:#111827;border:1px solid #d1d5db;margin-top:0}
.sep{display:flex;align-items:center;gap:10px;color:#9ca3af;margin:18px 0 0;font-size:13px}
.sep:before,.sep:after{content:"";flex:1;border-top:1px solid #e5e7eb}
.error{background:#fef2f2;color:#b91c1c;padding:10px 12px;border-radius:8px;margin:0 0 12px}
.hint{background:#fffbeb;color:#92400e;padding:10px 12px;border-radius:8px;margin-top:20px;font-size:13px}
.links{display:flex;justify-content:space-between;margin-top:18px;font-size:13px}a{color:#6c47ff}
.badge{display:inline-block;font-size:11px;background:#fde68a;color:#92400e;border-radius:4px;padding:1px 6px;margin-left:6px}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${CSS}</style></head><body><main class="card">${body}</main></body></html>`;
}

interface FlowParams {
  hostedAuth: string;
  redirectUrl: string;
}

function flowQuery(p: FlowParams): string {
  const q = new URLSearchParams();
  if (p.hostedAuth) q.set("hosted_auth", p.hostedAuth);
  if (p.redirectUrl) q.set("redirect_url", p.redirectUrl);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function hiddenFlow(p: FlowParams): string {
  return `<input type="hidden" name="hosted_auth" value="${h(p.hostedAuth)}"><input type="hidden" name="redirect_url" value="${h(p.redirectUrl)}">`;
}

function devHint(core: ClerkCore): string {
  const seeded = [...core.state.users.values()].filter((u) => u.password === DEMO_PASSWORD).map((u) => h(u.email));
  return `<div class="hint" id="dev-hint"><strong>Development instance.</strong> Test users: ${seeded.join(", ")}; password <code id="dev-password">${DEMO_PASSWORD}</code>.</div>`;
}

function signInPage(core: ClerkCore, p: FlowParams, email = "", error = ""): string {
  return layout(
    "Sign in – Qonvex devstack",
    `<h1>Sign in<span class="badge">Development</span></h1><p class="sub">to continue to Qonvex devstack</p>
<a class="btn google" id="google" href="/oauth/google${flowQuery(p)}">Continue with Google</a>
<div class="sep">or</div>
<form method="post" action="/sign-in" id="sign-in-form">${hiddenFlow(p)}
${error ? `<div class="error" id="error" role="alert">${h(error)}</div>` : ""}
<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username" value="${h(email)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="submit" type="submit">Continue</button></form>
<div class="links"><a id="sign-up-link" href="/sign-up${flowQuery(p)}">Create an account</a>
<a id="cancel" href="/cancel${flowQuery(p)}">Cancel</a><a id="fail" href="/fail${flowQuery(p)}">Simulate failure</a></div>
${devHint(core)}`,
  );
}

function signUpPage(core: ClerkCore, p: FlowParams, v: Record<string, string> = {}, error = ""): string {
  return layout(
    "Sign up – Qonvex devstack",
    `<h1>Create your account<span class="badge">Development</span></h1><p class="sub">to continue to Qonvex devstack</p>
<form method="post" action="/sign-up" id="sign-up-form">${hiddenFlow(p)}
${error ? `<div class="error" id="error" role="alert">${h(error)}</div>` : ""}
<label for="first-name">First name</label><input id="first-name" name="first_name" value="${h(v.first_name ?? "")}" required>
<label for="last-name">Last name</label><input id="last-name" name="last_name" value="${h(v.last_name ?? "")}" required>
<label for="email">Email address</label><input id="email" name="email" type="email" value="${h(v.email ?? "")}" required>
<label for="password">Password</label><input id="password" name="password" type="password" minlength="8" required>
<button id="submit" type="submit">Continue</button></form>
<div class="links"><a id="sign-in-link" href="/sign-in${flowQuery(p)}">Already have an account? Sign in</a></div>
${devHint(core)}`,
  );
}

function messagePage(title: string, text: string, id: string): string {
  return layout(title, `<h1>${h(title)}</h1><p class="sub" id="${id}">${h(text)}</p>`);
}

/** Where a finished sign-in goes: the hosted-auth callback, a plain redirect_url, or a confirmation. */
function finish(core: ClerkCore, res: ServerResponse, p: FlowParams, user: User): void {
  const ha = core.hostedAuthById(p.hostedAuth);
  if (ha) return redirect(res, core.completeHostedAuth(ha, user));
  if (p.redirectUrl) return redirect(res, p.redirectUrl);
  sendHtml(res, 200, messagePage("Signed in", `You are signed in as ${user.firstName} ${user.lastName}.`, "signed-in"));
}

function flowFrom(q: URLSearchParams): FlowParams {
  return { hostedAuth: q.get("hosted_auth") ?? "", redirectUrl: q.get("redirect_url") ?? "" };
}

/** Handles the hosted pages on the Clerk origin; returns false when the path is not one of them. */
export async function handlePages(core: ClerkCore, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", core.base);
  const path = url.pathname;
  const known = ["/", "/sign-in", "/sign-up", "/cancel", "/fail", "/oauth/google", "/v1/oauth_callback"];
  if (!known.includes(path)) return false;
  const r = await parseRequest(req);
  const params = r.rawMethod === "POST" ? r.form : url.searchParams;
  const p = flowFrom(params);
  const ha = core.hostedAuthById(p.hostedAuth);
  if (p.hostedAuth && (!ha || ha.redeemed)) {
    sendHtml(res, 400, messagePage("Link expired", "This sign-in link is invalid or has already been used. Start the sign-in again from the app.", "invalid-link"));
    return true;
  }
  const st = core.state;

  if (path === "/") {
    redirect(res, `/sign-in${flowQuery(p)}`);
  } else if (path === "/sign-in" && r.rawMethod === "GET") {
    sendHtml(res, 200, signInPage(core, p, url.searchParams.get("email_address") ?? ""));
  } else if (path === "/sign-in" && r.rawMethod === "POST") {
    const email = (r.form.get("email") ?? "").trim();
    const user = st.userByEmail(email);
    if (!user) sendHtml(res, 422, signInPage(core, p, email, "Couldn't find your account."));
    else if (r.form.get("password") !== user.password)
      sendHtml(res, 422, signInPage(core, p, email, "Password is incorrect. Try again, or use another method."));
    else finish(core, res, p, user);
  } else if (path === "/sign-up" && r.rawMethod === "GET") {
    sendHtml(res, 200, signUpPage(core, p, { email: url.searchParams.get("email_address") ?? "" }));
  } else if (path === "/sign-up" && r.rawMethod === "POST") {
    const v = Object.fromEntries(["first_name", "last_name", "email", "password"].map((k) => [k, (r.form.get(k) ?? "").trim()]));
    let error = "";
    if (!v.first_name || !v.last_name) error = "Enter your first and last name.";
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) error = "Enter a valid email address.";
    else if (st.userByEmail(v.email)) error = "That email address is taken. Please try another.";
    else if (v.password.length < 8) error = "Passwords must be 8 characters or more.";
    if (error) sendHtml(res, 422, signUpPage(core, p, v, error));
    else finish(core, res, p, st.addUser(v.first_name, v.last_name, v.email, v.password));
  } else if (path === "/cancel") {
    sendHtml(res, 200, messagePage("Sign-in cancelled", "You can close this window and return to the app.", "cancelled"));
  } else if (path === "/fail") {
    if (ha) redirect(res, core.failHostedAuthUrl(ha));
    else sendHtml(res, 200, messagePage("Sign-in failed", "oauth_access_denied", "failed"));
  } else if (path === "/oauth/google") {
    const state = randomBytes(16).toString("base64url");
    st.oauthStates.set(state, { hostedAuthId: ha?.id ?? null, redirectUrl: p.redirectUrl || null });
    const g = new URL("/o/oauth2/v2/auth", core.googleBase);
    g.searchParams.set("client_id", "devstack.apps.googleusercontent.com");
    g.searchParams.set("redirect_uri", `${core.base}/v1/oauth_callback`);
    g.searchParams.set("response_type", "code");
    g.searchParams.set("scope", "openid email profile");
    g.searchParams.set("state", state);
    redirect(res, g.toString());
  } else if (path === "/v1/oauth_callback") {
    const code = url.searchParams.get("code") ?? "";
    const state = url.searchParams.get("state") ?? "";
    const grant = st.googleCodes.get(code);
    const flow = st.oauthStates.get(state);
    const user = grant && grant.oauthState === state ? st.users.get(grant.userId) : undefined;
    if (!grant || !flow || !user) {
      sendHtml(res, 400, messagePage("Sign-in failed", "The Google sign-in could not be completed (unknown code or state).", "failed"));
    } else {
      st.googleCodes.delete(code);
      st.oauthStates.delete(state);
      const flowHa = core.hostedAuthById(flow.hostedAuthId);
      finish(core, res, { hostedAuth: flowHa && !flowHa.redeemed ? flowHa.id : "", redirectUrl: flow.redirectUrl ?? "" }, user);
    }
  } else {
    return false;
  }
  return true;
}

/** The fake Google: refuses embedded QtWebEngine views like the real one, otherwise lets you pick an account. */
export async function handleGoogle(core: ClerkCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", core.googleBase);
  const r = await parseRequest(req);
  const ua = String(req.headers["user-agent"] ?? "");
  const params = r.rawMethod === "POST" ? r.form : url.searchParams;
  const redirectUri = params.get("redirect_uri") ?? "";
  const state = params.get("state") ?? "";
  const isAuth = url.pathname === "/o/oauth2/v2/auth";
  const isApprove = url.pathname === "/o/oauth2/v2/approve" && r.rawMethod === "POST";
  if (!isAuth && !isApprove) return sendHtml(res, 404, layout("Not found", "<h1>404</h1><p>That’s an error.</p>"));
  if (/QtWebEngine/i.test(ua))
    return sendHtml(
      res,
      403,
      layout(
        "Couldn't sign you in",
        `<h1>Couldn’t sign you in</h1><p class="sub" id="google-blocked">This browser or app may not be secure. <a href="https://support.google.com/accounts/answer/7675428">Learn more</a></p>
<p>Try using a different browser. If you’re already using a supported browser, you can try again to sign in.</p><p class="hint">Error 403: disallowed_useragent</p>`,
      ),
    );
  if (redirectUri !== `${core.base}/v1/oauth_callback` || !state)
    return sendHtml(res, 400, layout("Error 400: redirect_uri_mismatch", `<h1>Access blocked</h1><p class="sub" id="google-error">Error 400: redirect_uri_mismatch</p>`));
  if (isAuth) {
    const accounts = [...core.state.users.values()]
      .map(
        (u, i) => `<form method="post" action="/o/oauth2/v2/approve"><input type="hidden" name="email" value="${h(u.email)}">
<input type="hidden" name="state" value="${h(state)}"><input type="hidden" name="redirect_uri" value="${h(redirectUri)}">
<button class="btn google" id="google-account-${i}" data-email="${h(u.email)}" type="submit">${h(u.firstName)} ${h(u.lastName)} · ${h(u.email)}</button></form>`,
      )
      .join("");
    return sendHtml(res, 200, layout("Sign in – Google Accounts", `<h1>Choose an account</h1><p class="sub">to continue to Qonvex devstack (fake Google)</p>${accounts}`));
  }
  const user = core.state.userByEmail(params.get("email") ?? "");
  if (!user) return sendHtml(res, 400, layout("Google", `<h1>Unknown account</h1><p class="sub" id="google-error">No such account.</p>`));
  const code = randomBytes(16).toString("base64url");
  core.state.googleCodes.set(code, { userId: user.id, oauthState: state });
  const back = new URL(redirectUri);
  back.searchParams.set("code", code);
  back.searchParams.set("state", state);
  redirect(res, back.toString());
}
