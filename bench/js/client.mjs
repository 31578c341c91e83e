// SPDX-License-Identifier: MIT
// End-to-end latency and subscription scale of the official ConvexClient (convex@1.48.0,
// Node, ws) against a running devstack: the same rounds as bench/client/bench_client.cpp.
//
//   node client.mjs --url URL --token JWT [--rounds N] [--warmup N] [--extra-subs N]
//
// e2e: mutation call → onUpdate callback showing the flipped task. client: ws 'message'
// event of the frame → that onUpdate (a listener added in the WebSocket's constructor, so it
// runs before the client's own onmessage handler).
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";

const argv = process.argv.slice(2);
const arg = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
const url = arg("url"), token = arg("token");
const rounds = Number(arg("rounds", 100)), warmup = Number(arg("warmup", 20));
const extraSubs = Number(arg("extra-subs", 0));
setTimeout(() => { console.error("client.mjs: timed out"); process.exit(1); }, 600_000);

let lastArrival = 0n;
class TimedWebSocket extends WebSocket {
  constructor(...a) { super(...a); this.on("message", () => { lastArrival = process.hrtime.bigint(); }); }
}
const rssMb = () => process.memoryUsage().rss / (1024 * 1024);

const client = new ConvexClient(url, { webSocketConstructor: TimedWebSocket, skipConvexDeploymentUrlCheck: true, unsavedChangesWarning: false });
client.setAuth(async () => token);

let taskId = null, wantDone = false, inRound = false, done = 0, t0 = 0n, adding = false;
const e2e = [], clientMs = [];
let rssBefore = 0, rssAfter = 0;
const extra = [];

function startRound() {
  wantDone = !wantDone; inRound = true; t0 = process.hrtime.bigint();
  client.mutation("tasks:setDone", { id: taskId, done: wantDone }).catch((e) => { console.error(e); process.exit(1); });
}
function subscribeExtra() {
  global.gc?.();
  rssBefore = rssMb();
  let loaded = 0;
  for (let i = 0; i < extraSubs; i++) {
    let seen = false;
    extra.push(client.onUpdate("debug:echo", { value: { i, s: "small value" } }, () => {
      if (seen) return;
      seen = true;
      if (++loaded === extraSubs) { global.gc?.(); rssAfter = rssMb(); setImmediate(startRound); }
    }));
  }
}
function finish() {
  console.log(JSON.stringify({ client: "convex-js", subs: extra.length + 1, rssBeforeMb: rssBefore, rssAfterMb: rssAfter, e2eMs: e2e, clientMs }));
  process.exit(0);
}

client.onUpdate("tasks:list", {}, (tasks) => {
  const now = process.hrtime.bigint();
  if (taskId === null) {
    if (tasks.length === 0) {
      if (!adding) client.mutation("tasks:add", { text: "bench" });
      adding = true;
      return;
    }
    taskId = tasks[0]._id; wantDone = tasks[0].done;
    if (extraSubs > 0) subscribeExtra(); else setImmediate(startRound);
    return;
  }
  if (!inRound) return;
  const t = tasks.find((x) => x._id === taskId);
  if (!t) { console.error("the benchmark task vanished"); process.exit(1); }
  if (t.done !== wantDone) return;
  inRound = false;
  if (done++ >= warmup) { e2e.push(Number(now - t0) / 1e6); clientMs.push(Number(now - lastArrival) / 1e6); }
  if (done < warmup + rounds) setImmediate(startRound); else finish();
}, (err) => { console.error("tasks:list failed:", err.message); process.exit(1); });
