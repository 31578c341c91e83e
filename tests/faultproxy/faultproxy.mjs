// SPDX-License-Identifier: MIT
// A fault-injecting TCP proxy for the Convex sync WebSocket (127.0.0.1 only), for soak tests.
// It forwards bytes between a client and the Convex stand-in, parses the WebSocket frames in
// both directions (after the HTTP upgrade) and, with a seeded random choice per frame, injects:
//   drop-mid-transition   forward part of a server Transition, then cut both sockets
//   drop-after-mutation   the client's Mutation reaches the server, its response never arrives
//   drop-on-authenticate  cut the connection instead of forwarding an Authenticate
//   stall                 hold server->client traffic for --stall-ms (the soak makes that longer
//                         than the client's inactivity threshold, so the client gives up on it)
//   delay                 hold server->client traffic for a short random time (up to 400 ms)
//   fragment              write one server frame in tiny TCP pieces, with small delays
//   inject-malformed      send the client a text frame that is not JSON, then the real frame
//   inject-unknown        send the client {"type":"Bogus…"} (unknown server message type)
// Plain HTTP requests are forwarded unchanged, except /__faultproxy/stats (GET: counters as
// JSON) and /__faultproxy/config answered by the proxy. Config (POST, every field optional):
//   {"rate":0..1, "enabled":bool, "target":"http://127.0.0.1:PORT", "restarting":true}
// "restarting" is sent by a test that is about to restart the devstack: it is counted as a
// devstack-restart fault and starts a recovery measurement; "target" points the proxy at the
// restarted stand-in.
//
// Library:  const p = await startFaultProxy({ target: "http://127.0.0.1:PORT", seed, rate });
// Program:  node tests/faultproxy/faultproxy.mjs --target URL [--seed N] [--rate R] [--port N]
//           [--stall-ms N] [--faults drop-mid-transition,stall,…] (default: all)
//           prints {"url": "http://127.0.0.1:PORT"} on one line once listening.
import net from "node:net";
import { pathToFileURL } from "node:url";

export const FAULTS = [
  "drop-mid-transition", "drop-after-mutation", "drop-on-authenticate", "stall", "delay", "fragment",
  "inject-malformed", "inject-unknown",
];
// Not drawn at random: a test restarts the devstack and tells the proxy (config "restarting").
export const RESTART_FAULT = "devstack-restart";

// xorshift32: the same seed gives the same fault sequence for the same traffic.
function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** An unmasked server->client text frame. */
function textFrame(text) {
  const payload = Buffer.from(text, "utf8");
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255]) : null;
  if (header === null) throw new Error("injected frames are small");
  return Buffer.concat([header, payload]);
}

/** Splits complete frames off `buf`; returns { frames: [{raw, opcode, fin, text}], rest }. */
function parseFrames(buf) {
  const frames = [];
  let off = 0;
  for (;;) {
    if (buf.length - off < 2) break;
    const b0 = buf[off];
    const b1 = buf[off + 1];
    let len = b1 & 0x7f;
    let pos = off + 2;
    if (len === 126) {
      if (buf.length - pos < 2) break;
      len = buf.readUInt16BE(pos);
      pos += 2;
    } else if (len === 127) {
      if (buf.length - pos < 8) break;
      len = Number(buf.readBigUInt64BE(pos));
      pos += 8;
    }
    const masked = (b1 & 0x80) !== 0;
    const maskAt = pos;
    if (masked) pos += 4;
    if (buf.length - pos < len) break;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    let text = null;
    if (opcode === 1 && fin) {
      const payload = Buffer.from(buf.subarray(pos, pos + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buf[maskAt + (i & 3)];
      text = payload.toString("utf8");
    }
    frames.push({ raw: buf.subarray(off, pos + len), opcode, fin, text });
    off = pos + len;
  }
  return { frames, rest: buf.subarray(off) };
}

function messageType(text) {
  if (text === null) return null;
  const m = /^\{"type":"([A-Za-z]+)"/.exec(text) ?? /"type":"([A-Za-z]+)"/.exec(text);
  return m ? m[1] : null;
}

export async function startFaultProxy({
  target, seed = 1, rate = 0.05, port = 0, stallMs = 1500, faults = FAULTS, log = () => {},
}) {
  const allowed = new Set(faults);
  let t = new URL(target);
  const random = prng(seed);
  const config = { rate, enabled: true };
  const stats = {
    connections: 0, faults: 0, byFault: Object.fromEntries([...FAULTS, RESTART_FAULT].map((f) => [f, 0])),
    clientFrames: 0, serverFrames: 0, mutationFrames: 0, longestRecoveryMs: 0, longestRecoveryByFault: {},
  };
  // A fault that cut or disturbed a connection is "recovered" when the next server
  // Transition reaches a client; the longest such gap is reported (overall and by the kind of
  // the fault that started it).
  let pendingRecoverySince = null;
  let pendingRecoveryKind = null;
  const startRecovery = (kind, always = false) => {
    if (pendingRecoverySince !== null && !always) return;
    pendingRecoverySince = Date.now();
    pendingRecoveryKind = kind;
  };
  // After a fault cut a client's connection, its next connection (same sessionId in Connect)
  // gets no cut, so that every client can resync and make progress (otherwise a high enough
  // rate starves it forever).
  const graceSessions = new Set();
  const sockets = new Set();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    let head = Buffer.alloc(0);
    client.on("error", () => {});
    const onHead = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > 65536) client.destroy();
        return;
      }
      client.off("data", onHead);
      client.pause();
      const requestLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
      const path = requestLine.split(" ")[1] ?? "";
      if (path.startsWith("/__faultproxy/")) return control(client, path, head, end);
      pipe(client, head, /^upgrade: *websocket/im.test(head.subarray(0, end).toString("latin1")));
    };
    client.on("data", onHead);
  });

  function control(client, path, head, end) {
    const reply = (status, body) => {
      const text = JSON.stringify(body);
      client.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    };
    if (path === "/__faultproxy/stats") return reply("200 OK", stats);
    if (path === "/__faultproxy/config") {
      const length = Number(/content-length: *(\d+)/i.exec(head.subarray(0, end).toString("latin1"))?.[1] ?? 0);
      let body = head.subarray(end + 4);
      const finish = () => {
        try {
          const c = JSON.parse(body.toString("utf8") || "{}");
          if (typeof c.rate === "number" && c.rate >= 0 && c.rate <= 1) config.rate = c.rate;
          if (typeof c.enabled === "boolean") config.enabled = c.enabled;
          if (typeof c.target === "string") {
            const next = new URL(c.target);
            if (next.hostname !== "127.0.0.1") throw new Error("loopback targets only");
            t = next;
          }
          if (c.restarting === true) {
            stats.faults += 1;
            stats.byFault[RESTART_FAULT] += 1;
            startRecovery(RESTART_FAULT, true);
          }
          reply("200 OK", config);
        } catch {
          reply("400 Bad Request", { error: "body must be JSON with a loopback target" });
        }
      };
      if (body.length >= length) return finish();
      client.on("data", (d) => {
        body = Buffer.concat([body, d]);
        if (body.length >= length) finish();
      });
      client.resume();
      return;
    }
    reply("404 Not Found", { error: "unknown control" });
  }

  function pipe(client, head, isWebSocket) {
    stats.connections += 1;
    let session = null;
    let grace = false;
    let faulted = false; // at most one fault per connection
    const upstream = net.connect(Number(t.port), t.hostname);
    sockets.add(upstream);
    let closed = false;
    const cut = () => {
      if (closed) return;
      closed = true;
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", cut);
    client.on("error", cut);
    upstream.on("close", cut);
    client.on("close", cut);
    upstream.on("connect", () => {
      upstream.write(head);
      client.resume();
    });
    if (!isWebSocket) {
      client.pipe(upstream);
      upstream.pipe(client);
      return;
    }
    // One random draw per candidate frame; a fault kind that is not allowed injects nothing.
    const cutting = new Set(["drop-mid-transition", "drop-after-mutation", "drop-on-authenticate"]);
    const roll = (name) =>
      config.enabled && !faulted && random() < config.rate && allowed.has(name) && !(grace && cutting.has(name));
    const fault = (name) => {
      faulted = true;
      if (cutting.has(name) && session !== null) graceSessions.add(session);
      stats.faults += 1;
      stats.byFault[name] += 1;
      startRecovery(name);
      log(`fault ${name}`);
    };
    // Server->client writes go through one queue so that stalls and fragments keep order.
    let queue = Promise.resolve();
    const toClient = (fn) => {
      queue = queue.then(() => (closed ? undefined : fn())).catch(cut);
    };
    const pause = (ms) => new Promise((r) => setTimeout(r, ms));
    let awaitingMutationResponse = false;
    let upgraded = false;
    let fromServer = Buffer.alloc(0);
    let fromClient = Buffer.alloc(0);

    upstream.on("data", (chunk) => {
      if (!upgraded) {
        // The 101 response (and possibly frames right after it).
        const end = chunk.indexOf("\r\n\r\n");
        if (end < 0) return toClient(() => client.write(chunk));
        upgraded = true;
        const response = chunk.subarray(0, end + 4);
        toClient(() => client.write(response));
        chunk = chunk.subarray(end + 4);
      }
      const parsed = parseFrames(Buffer.concat([fromServer, chunk]));
      fromServer = Buffer.from(parsed.rest);
      for (const frame of parsed.frames) {
        stats.serverFrames += 1;
        const type = messageType(frame.text);
        const raw = Buffer.from(frame.raw);
        if (type === "Transition" && pendingRecoverySince !== null) {
          const since = pendingRecoverySince;
          const kind = pendingRecoveryKind;
          toClient(() => {
            const ms = Date.now() - since;
            stats.longestRecoveryMs = Math.max(stats.longestRecoveryMs, ms);
            stats.longestRecoveryByFault[kind] = Math.max(stats.longestRecoveryByFault[kind] ?? 0, ms);
            if (pendingRecoverySince === since) pendingRecoverySince = null;
          });
        }
        if (type === "MutationResponse" && awaitingMutationResponse) {
          awaitingMutationResponse = false;
          return toClient(cut); // applied on the server, response lost
        }
        if (type === "Transition" && roll("drop-mid-transition")) {
          fault("drop-mid-transition");
          return toClient(() => {
            client.write(raw.subarray(0, Math.max(1, raw.length >> 1)));
            cut();
          });
        }
        const kinds = ["stall", "delay", "fragment", "inject-malformed", "inject-unknown"];
        const kind = type === null ? null : kinds[Math.floor(random() * kinds.length)];
        if (kind !== null && roll(kind)) {
          if (kind === "stall") {
            fault("stall");
            toClient(() => pause(stallMs));
          } else if (kind === "delay") {
            fault("delay");
            const ms = 20 + Math.floor(random() * 380);
            toClient(() => pause(ms));
          } else if (kind === "fragment") {
            fault("fragment");
            toClient(async () => {
              for (let i = 0; i < raw.length && !closed; i += 3) {
                client.write(raw.subarray(i, i + 3));
                if (i % 12 === 0) await pause(1);
              }
            });
            continue;
          } else if (kind === "inject-malformed") {
            fault("inject-malformed");
            toClient(() => client.write(textFrame("{\"type\":\"Transition\",")));
          } else {
            fault("inject-unknown");
            toClient(() => client.write(textFrame(JSON.stringify({ type: "BogusFromFaultProxy", n: 1 }))));
          }
        }
        toClient(() => client.write(raw));
      }
    });

    client.on("data", (chunk) => {
      const parsed = parseFrames(Buffer.concat([fromClient, chunk]));
      fromClient = Buffer.from(parsed.rest);
      for (const frame of parsed.frames) {
        stats.clientFrames += 1;
        const type = messageType(frame.text);
        if (type === "Connect" && session === null) {
          try {
            session = String(JSON.parse(frame.text).sessionId);
            grace = graceSessions.delete(session);
          } catch {
            // not JSON: the server answers it; nothing to remember
          }
        }
        if (type === "Authenticate" && roll("drop-on-authenticate")) {
          fault("drop-on-authenticate");
          return cut();
        }
        upstream.write(frame.raw);
        if (type === "Mutation") stats.mutationFrames += 1;
        if (type === "Mutation" && !awaitingMutationResponse && roll("drop-after-mutation")) {
          fault("drop-after-mutation");
          awaitingMutationResponse = true;
        }
      }
    });
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    stats,
    config,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const target = opt("target", null);
  if (target === null) {
    process.stderr.write("usage: faultproxy.mjs --target URL [--seed N] [--rate R] [--port N] [--stall-ms N] [--faults A,B]\n");
    process.exit(2);
  }
  const proxy = await startFaultProxy({
    target, seed: Number(opt("seed", 1)), rate: Number(opt("rate", 0.05)), port: Number(opt("port", 0)),
    stallMs: Number(opt("stall-ms", 1500)),
    faults: opt("faults", FAULTS.join(",")).split(","),
  });
  process.stdout.write(`${JSON.stringify({ url: proxy.url })}\n`);
  const stop = () => proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
