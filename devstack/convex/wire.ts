// SPDX-License-Identifier: MIT
// Small wire-format helpers shared by the sync socket and the HTTP API: u64 timestamps,
// function paths, and the "clean" JSON export format.
import { createHash, randomBytes } from "node:crypto";
import type { Value } from "convex/values";

/** A u64 as the protocol writes it: 8 bytes little-endian, standard base64. */
export function encodeU64(n: bigint): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE(BigInt.asUintN(64, n));
  return buf.toString("base64");
}

/** Inverse of encodeU64; null for anything that is not exactly 8 bytes of base64. */
export function decodeU64(s: unknown): bigint | null {
  if (typeof s !== "string" || !/^[A-Za-z0-9+/]{11}=$/.test(s)) return null;
  return Buffer.from(s, "base64").readBigUInt64LE(0);
}

/** Nanoseconds since the epoch that never go backwards and strictly increase per call. */
export class Clock {
  private last = 0n;
  /** Never let the clock fall behind a timestamp already handed out (e.g. before a restart). */
  atLeast(ts: bigint): void {
    if (ts > this.last) this.last = ts;
  }
  next(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }
  get latest(): bigint {
    return this.last;
  }
}

const COMPONENT = /^[A-Za-z0-9_.]{1,64}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Parses a function path the way the backend does (§9): `module/path[.js][:export]`.
 * Returns the canonical `module/path:export` (what convex-test resolves) or an error text.
 */
export function parseUdfPath(path: unknown): { canonical: string } | { error: string } {
  if (typeof path !== "string" || path.length === 0) {
    return { error: `Invalid function path: ${JSON.stringify(path)}` };
  }
  const colon = path.lastIndexOf(":");
  let modulePath = colon === -1 ? path : path.slice(0, colon);
  const exportName = colon === -1 ? "default" : path.slice(colon + 1);
  if (modulePath.endsWith(".js")) modulePath = modulePath.slice(0, -3);
  const parts = modulePath.split("/");
  const badPart = parts.find(
    (p, i) =>
      !COMPONENT.test(i === parts.length - 1 ? `${p}.js` : p) ||
      !/[A-Za-z0-9]/.test(p) ||
      (i === parts.length - 1 && p.includes(".")),
  );
  if (modulePath.length === 0 || modulePath.startsWith("/") || badPart !== undefined) {
    return { error: `Invalid module path in function path "${path}"` };
  }
  if (!IDENTIFIER.test(exportName) || /^_+$/.test(exportName)) {
    return { error: `Invalid function name "${exportName}" in function path "${path}"` };
  }
  return { canonical: `${modulePath}:${exportName}` };
}

/** `[Request ID: …]` for WebSocket mutations/actions, as the backend derives it (§10.1). */
export function wsRequestId(sessionId: string, requestId: number): string {
  return createHash("sha256").update(`${sessionId}|${requestId}`).digest("hex").slice(0, 16);
}

export function randomRequestId(): string {
  return randomBytes(8).toString("hex");
}

/** The lossy "json" / "convex_clean_json" export format of the HTTP API (§8). */
export function toCleanJson(value: Value | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (value === Infinity) return "Infinity";
    if (value === -Infinity) return "-Infinity";
    return value;
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => toCleanJson(v));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toCleanJson(v);
    }
    return out;
  }
  return value;
}
