// SPDX-License-Identifier: MIT
// The one-shot HTTP API (§11): POST /api/query|mutation|action (and GET /api/query) with
// Bearer auth and the convex_encoded_json / json / export_json formats.
import type { IncomingMessage, ServerResponse } from "node:http";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { UserIdentity } from "./auth";
import type { FunctionKind, Outcome } from "./runtime";
import { parseUdfPath, randomRequestId, toCleanJson } from "./wire";

export interface HttpCore {
  verifyToken(token: string): Promise<{ identity: UserIdentity }>;
  runHttp(kind: FunctionKind, udfPath: string, args: Value, identity: UserIdentity | null, requestId: string): Promise<Outcome>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "RequestTooLarge", "Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks as Uint8Array[]).toString("utf8");
}

// `export_json`: int64 as a JSON integer, finite floats as numbers, the rest keeps $-objects.
function toExportJson(value: Value): unknown {
  if (typeof value === "bigint") return JSON.parse(value.toString());
  if (Array.isArray(value)) return value.map(toExportJson);
  if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return value;
  if (value !== null && typeof value === "object" && !(value instanceof ArrayBuffer)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toExportJson(v as Value)]));
  }
  return convexToJson(value);
}

function encoder(format: unknown): (v: Value) => unknown {
  switch (format) {
    case "convex_encoded_json":
    case "convex_json":
      return (v) => convexToJson(v);
    case undefined:
    case null:
    case "json":
    case "convex_clean_json":
      return toCleanJson;
    case "export_json":
      return toExportJson;
    default:
      throw new HttpError(400, "InvalidFormat", `Unknown format ${JSON.stringify(format)}`);
  }
}

async function identityFrom(req: IncomingMessage, core: HttpCore): Promise<UserIdentity | null> {
  const client = req.headers["convex-client"];
  if (typeof client === "string" && !client.includes("-")) {
    throw new HttpError(400, "InvalidClientVersion", `Invalid Convex-Client header ${JSON.stringify(client)}`);
  }
  const header = req.headers.authorization;
  if (header === undefined || header === "") return null;
  const bearer = /^bearer\s+(.+)$/i.exec(header);
  if (bearer !== null) {
    try {
      return (await core.verifyToken(bearer[1].trim())).identity;
    } catch (e) {
      throw new HttpError(401, "Unauthenticated", (e as Error).message);
    }
  }
  if (/^convex\s/i.test(header)) {
    throw new HttpError(401, "BadAdminKey", "Admin keys are not supported by the local Convex stand-in");
  }
  throw new HttpError(400, "InvalidAuthHeader", "Authorization header must be `Bearer <token>`");
}

/** Handles /api/query, /api/mutation, /api/action. */
export async function handleFunctionCall(
  kind: FunctionKind,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  core: HttpCore,
): Promise<void> {
  try {
    let body: Record<string, unknown>;
    if (req.method === "GET" && kind === "query") {
      const rawArgs = url.searchParams.get("args");
      body = {
        path: url.searchParams.get("path"),
        args: rawArgs === null ? {} : parseJson(rawArgs),
        format: url.searchParams.get("format") ?? undefined,
      };
    } else if (req.method === "POST") {
      const parsed = parseJson(await readBody(req));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new HttpError(400, "BadJsonBody", "Request body must be a JSON object");
      }
      body = parsed as Record<string, unknown>;
    } else {
      throw new HttpError(405, "MethodNotAllowed", `${req.method} not allowed`);
    }
    const encode = encoder(body.format);
    const path = parseUdfPath(body.path);
    if ("error" in path) throw new HttpError(400, "BadFunctionPath", path.error);
    let argsJson = body.args ?? {};
    if (Array.isArray(argsJson) && argsJson.length === 1) argsJson = argsJson[0];
    let args: Value;
    try {
      args = jsonToConvex(argsJson as JSONValue);
    } catch (e) {
      throw new HttpError(400, "BadConvexValue", (e as Error).message);
    }
    const identity = await identityFrom(req, core);
    const outcome = await core.runHttp(kind, path.canonical, args, identity, randomRequestId());
    const logLines = outcome.logLines.length > 0 ? { logLines: outcome.logLines } : {};
    if (outcome.success) {
      sendJson(res, 200, { status: "success", value: encode(outcome.value), ...logLines });
    } else {
      sendJson(res, 200, {
        status: "error",
        errorMessage: outcome.errorMessage,
        ...("errorData" in outcome ? { errorData: encode(outcome.errorData ?? null) } : {}),
        ...logLines,
      });
    }
  } catch (e) {
    if (e instanceof HttpError) sendJson(res, e.status, { code: e.code, message: e.message });
    else sendJson(res, 500, { code: "InternalServerError", message: (e as Error).message });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON");
  }
}

export { HttpError };
