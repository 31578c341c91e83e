// SPDX-License-Identifier: MIT
// Parsing and encoding helpers for sync-protocol messages (§3–§5), kept apart from the
// per-socket state machine in session.ts.
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Outcome } from "./runtime";
import { encodeU64, parseUdfPath } from "./wire";

export type Msg = Record<string, unknown>;
export type Version = { querySet: number; identity: number; ts: bigint };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client mistake the backend answers with FatalError (BadRequest). */
export class ProtocolError extends Error {}
/** A client mistake the backend answers by closing with 1011 (plain error). */
export class InternalError extends Error {}

function isU32(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
}

export function requireU32(msg: Msg, field: string): number {
  const v = msg[field];
  if (!isU32(v)) throw new ProtocolError(`Invalid ${msg.type} message: field ${field} must be a u32`);
  return v;
}

export function requirePath(msg: Msg): string {
  const parsed = parseUdfPath(msg.udfPath);
  if ("error" in parsed) throw new ProtocolError(parsed.error);
  return parsed.canonical;
}

// The wire wraps the one arguments object in an array.
export function argsJson(msg: Msg): JSONValue {
  const a = msg.args;
  if (Array.isArray(a) && a.length === 1) return a[0] as JSONValue;
  if (a !== null && typeof a === "object" && !Array.isArray(a)) return a as JSONValue;
  throw new ProtocolError(`Invalid ${msg.type} message: args must be [object]`);
}

export function wireVersion(v: Version): Record<string, unknown> {
  return { querySet: v.querySet, identity: v.identity, ts: encodeU64(v.ts) };
}

export function decodeArgs(json: JSONValue): { value: Value } | { error: string } {
  try {
    return { value: jsonToConvex(json) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function decodeFailure(rid: string, error: string): Outcome {
  return {
    success: false,
    errorMessage: `[Request ID: ${rid}] Server Error\nArgumentValidationError: ${error}`,
    logLines: [],
  };
}

/** The shared shape of MutationResponse/ActionResponse bodies (also reused for queries). */
export function encodeOutcome(o: Outcome):
  | { success: true; result: JSONValue; logLines: string[] }
  | { success: false; result: string; logLines: string[]; errorData?: JSONValue } {
  if (o.success) return { success: true, result: convexToJson(o.value), logLines: o.logLines };
  return {
    success: false,
    result: o.errorMessage,
    logLines: o.logLines,
    ...("errorData" in o ? { errorData: convexToJson(o.errorData ?? null) } : {}),
  };
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/**
 * Cuts UTF-8 bytes into pieces of at most `max` bytes without splitting a character (a `max`
 * smaller than one character yields that whole character).
 */
export function splitUtf8(bytes: Buffer, max: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const limit = Math.min(start + max, bytes.length);
    let end = limit;
    while (end > start && end < bytes.length && isContinuation(bytes[end])) end--;
    if (end === start) {
      end = limit;
      while (end < bytes.length && isContinuation(bytes[end])) end++;
    }
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
  }
  return parts;
}
