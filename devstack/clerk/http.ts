// SPDX-License-Identifier: MIT
// Small HTTP helpers shared by the Clerk stand-in's FAPI, hosted pages and test controls.
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 1 << 20;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly longMessage = message,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ParsedRequest {
  /** The method after `_method` overrides (query or form body). */
  method: string;
  rawMethod: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  json: Record<string, unknown> | null;
  headers: IncomingMessage["headers"];
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Uint8Array).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request_body_too_large", "Request body too large");
    chunks.push(chunk as Uint8Array);
  }
  return Buffer.concat(chunks);
}

export async function parseRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const url = new URL(req.url ?? "/", "http://stand-in");
  const body = await readBody(req);
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  let form = new URLSearchParams();
  let json: Record<string, unknown> | null = null;
  if (body.length > 0) {
    if (type.includes("application/json")) {
      try {
        const parsed = JSON.parse(body.toString("utf8"));
        json = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : null;
      } catch {
        throw new HttpError(400, "malformed_request", "Request body is not valid JSON");
      }
      if (!json) throw new HttpError(400, "malformed_request", "Request body must be a JSON object");
    } else {
      // FAPI bodies are form-encoded; treat anything else as form too, like Clerk's lenient parser.
      form = new URLSearchParams(body.toString("utf8"));
    }
  }
  const rawMethod = (req.method ?? "GET").toUpperCase();
  const override = form.get("_method") ?? url.searchParams.get("_method");
  const method = rawMethod === "POST" && override ? override.toUpperCase() : rawMethod;
  return { method, rawMethod, path: url.pathname, query: url.searchParams, form, json, headers: req.headers };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(data.length),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(data);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  const data = Buffer.from(html);
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(data.length),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(data);
}

export function redirect(res: ServerResponse, location: string): void {
  // 303 so a POSTed form is followed by a GET; the body helps browsers that block
  // custom-scheme redirects (the user can click through).
  const safe = escapeHtml(location);
  sendHtml(res, 303, `<!doctype html><title>Redirecting…</title><p>Continue to <a id="continue" href="${safe}">the app</a>.</p>`, {
    location,
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function clerkErrorBody(err: HttpError, traceId: string) {
  return {
    errors: [{ message: err.message, long_message: err.longMessage, code: err.code, meta: err.meta }],
    clerk_trace_id: traceId,
  };
}
