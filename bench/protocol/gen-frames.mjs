// SPDX-License-Identifier: MIT
// Writes one deterministic stream of Convex server frames (one JSON text frame per line) for
// the protocol-core throughput benchmark. Seeded PRNG: the same arguments always give the
// same bytes, so convexclient, the JS client and the parse-only floor all read identical input.
//
//   node gen-frames.mjs OUT.jsonl [--queries 1000] [--bytes 6000000] [--seed 42]
//
// The client side subscribes `bench:q {i: n}` for n = 0..queries-1 before its socket opens,
// so both clients send one ModifyQuerySet 0→1 with queryIds 0..queries-1. The first
// Transition moves querySet 0→1; later ones keep the query set and advance ts.
// A meta line goes to OUT.meta.json: frame count, bytes, how many queries end non-loading.
import { writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const out = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const queries = opt("queries", 1000);
const targetBytes = opt("bytes", 6_000_000);
let seed = opt("seed", 42) >>> 0;

// mulberry32: tiny, well-known, deterministic.
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
const UNI = ["é", "ß", "→", "日本", "😀", "\"", "\\", "\n"];
function str(lo, hi) {
  let s = "";
  const n = int(lo, hi);
  for (let i = 0; i < n; i++) s += rand() < 0.03 ? UNI[int(0, UNI.length - 1)] : ALPHA[int(0, ALPHA.length - 1)];
  return s;
}
function b64(bytes) { return Buffer.from(bytes).toString("base64"); }
function int64(v) { // Convex JSON: {"$integer": base64 of 8-byte little-endian}
  const b = Buffer.alloc(8); b.writeBigInt64LE(v); return { $integer: b.toString("base64") };
}
function float64() {
  const r = rand();
  if (r < 0.01) { // special values use {"$float": base64 LE}
    const b = Buffer.alloc(8); b.writeDoubleLE([NaN, Infinity, -Infinity, -0][int(0, 3)]);
    return { $float: b.toString("base64") };
  }
  return (rand() - 0.5) * 10 ** int(0, 12);
}
function bytes() { const n = int(4, 32); const a = new Uint8Array(n); for (let i = 0; i < n; i++) a[i] = int(0, 255); return { $bytes: b64(a) }; }
function row(q, k) {
  const o = {
    _id: str(32, 32).replace(/ /g, "x"),
    _creationTime: 1.7e12 + rand() * 1e9,
    text: str(5, 60),
    count: int64(BigInt(int(-(2 ** 30), 2 ** 30)) * 4096n + BigInt(k)),
    score: float64(),
    done: rand() < 0.5,
    blob: bytes(),
  };
  if (rand() < 0.5) o.tags = Array.from({ length: int(0, 4) }, () => str(2, 10));
  if (rand() < 0.4) o.meta = { owner: `user_${q}`, nested: { depth: int(1, 9), note: rand() < 0.3 ? null : str(0, 20), list: [int64(BigInt(k)), float64()] } };
  return o;
}
const skew = (p, max) => 1 + Math.floor((max - 1) * rand() ** p);  // 1..max, mostly small

const frames = [];
let total = 0, ts = 0n, querySet = 0;
const answered = new Set();
const tsB64 = (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b.toString("base64"); };
while (total < targetBytes) {
  const n = skew(5, 100);
  const ids = new Set();
  while (ids.size < n) ids.add(int(0, queries - 1));
  const start = { querySet, identity: 0, ts: tsB64(ts) };
  ts += ts === 0n ? 1_000_000n : BigInt(int(1, 5000));
  querySet = 1;
  const end = { querySet, identity: 0, ts: tsB64(ts) };
  const modifications = [...ids].map((queryId) => {
    answered.add(queryId);
    const rows = skew(4, 100);
    return { type: "QueryUpdated", queryId, value: Array.from({ length: rows }, (_, k) => row(queryId, k)), logLines: [], journal: null };
  });
  const f = JSON.stringify({ type: "Transition", startVersion: start, endVersion: end, modifications });
  frames.push(f);
  total += Buffer.byteLength(f);
}
writeFileSync(out, frames.join("\n") + "\n");
writeFileSync(out.replace(/\.jsonl$/, "") + ".meta.json",
  JSON.stringify({ frames: frames.length, bytes: total, queries, answered: answered.size, seed: opt("seed", 42) }) + "\n");
console.log(JSON.stringify({ frames: frames.length, bytes: total, answered: answered.size }));
