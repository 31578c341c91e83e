// SPDX-License-Identifier: MIT
// Protocol-core throughput of the official JS client (convex@1.48.0 BaseConvexClient): the
// recorded frames are handed to its WebSocket 'onmessage' through a fake WebSocket, after the
// same 1,000 queries were subscribed, so query ids and versions match the stream.
//
//   node protocol.mjs FRAMES.jsonl ITERATIONS  → one JSON line {timesMs, cpuMs (process CPU time, all threads), frames, bytes}
import { readFileSync } from "node:fs";
import { BaseConvexClient } from "convex/browser";

const [file, itersArg] = process.argv.slice(2);
const frames = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
const meta = JSON.parse(readFileSync(file.replace(/\.jsonl$/, "") + ".meta.json", "utf8"));
const bytes = frames.reduce((n, f) => n + Buffer.byteLength(f), 0);
const iterations = Number(itersArg ?? 5);

let socket = null;
class FakeWebSocket {
  constructor(url) { this.url = url; this.readyState = 0; socket = this; }
  send() {}
  close() { this.readyState = 3; setTimeout(() => this.onclose?.({ code: 1000, reason: "" }), 0); }
}

function runOnce() {
  let notified = 0;
  const client = new BaseConvexClient("http://127.0.0.1:1", (changed) => { notified += changed.length; }, {
    webSocketConstructor: FakeWebSocket, unsavedChangesWarning: false,
    skipConvexDeploymentUrlCheck: true, verbose: false,
  });
  const tokens = [];
  for (let i = 0; i < meta.queries; i++) tokens.push(client.subscribe("bench:q", { i }).queryToken);
  socket.readyState = 1;
  socket.onopen();
  const ws = socket;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const data of frames) ws.onmessage({ data });
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage(c0);
  const loaded = tokens.filter((t) => client.hasLocalQueryResultByToken(t)).length;
  if (loaded !== meta.answered) throw new Error(`JS client applied ${loaded} queries, expected ${meta.answered}`);
  client.close();
  return { ms: Number(t1 - t0) / 1e6, cpu: (c1.user + c1.system) / 1e3, notified };
}

// V8's own floor: JSON.parse of every frame, nothing else.
function parseOnce() {
  const c0 = process.cpuUsage();
  let n = 0;
  for (const data of frames) n += JSON.parse(data).modifications.length;
  const c1 = process.cpuUsage(c0);
  if (n === 0) throw new Error("empty stream");
  return (c1.user + c1.system) / 1e3;
}

runOnce(); // warm-up (JIT)
parseOnce();
const timesMs = [], cpuMs = [], parseCpuMs = [];
let notified = 0;
for (let i = 0; i < iterations; i++) { const r = runOnce(); timesMs.push(r.ms); cpuMs.push(r.cpu); parseCpuMs.push(parseOnce()); notified = r.notified; }
console.log(JSON.stringify({ client: "convex-js", frames: frames.length, bytes, timesMs, cpuMs, parseCpuMs, notified }));
process.exit(0);
