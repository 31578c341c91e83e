// SPDX-License-Identifier: MIT
// Entry point of `devstack/run`: starts the Clerk stand-in, then the Convex stand-in with
// CLERK_ISSUER_URL pointing at it, prints ONE JSON line on stdout when both are ready, and
// stops both on SIGTERM/SIGINT or when the parent process goes away. Logs go to stderr.
import { fstatSync } from "node:fs";
import { startClerkStandin } from "./clerk/server.ts";
import * as convexModule from "./convex/server.ts";

interface Args {
  dataFile?: string;
  tokenLifetime?: number;
  clerkOnly: boolean;
  clerkPort: number;
  convexPort: number;
  verbose: boolean;
}

const USAGE = `usage: devstack/run [--data FILE] [--token-lifetime SECONDS] [--clerk-port N] [--convex-port N]
                    [--clerk-only] [--verbose]
Prints one JSON line {"convexUrl","clerkFrontendApi","clerkPublishableKey","accountsUrl",...} when ready.`;

function log(line: string): void {
  process.stderr.write(`[devstack] ${line}\n`);
}

function fail(message: string, code = 2): never {
  process.stderr.write(`devstack: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { clerkOnly: false, clerkPort: 0, convexPort: 0, verbose: false };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) fail(`${name} needs a value\n${USAGE}`);
    return v;
  };
  const int = (v: string, name: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer from ${min} to ${max}, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--data":
        args.dataFile = value(i++, a);
        break;
      case "--token-lifetime":
        args.tokenLifetime = int(value(i++, a), a, 1, 315360000);
        break;
      case "--clerk-port":
        args.clerkPort = int(value(i++, a), a, 0, 65535);
        break;
      case "--convex-port":
        args.convexPort = int(value(i++, a), a, 0, 65535);
        break;
      case "--clerk-only":
        args.clerkOnly = true;
        break;
      case "--verbose":
        args.verbose = true;
        break;
      case "-h":
      case "--help":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      default:
        fail(`unknown argument "${a}"\n${USAGE}`);
    }
  }
  return args;
}

/** Stop when the parent dies: its pipe to our stdin closes, or we get re-parented. */
function watchParent(stop: (why: string) => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop("parent process exited");
  }, 500).unref();
  let isPipe = false;
  try {
    const st = fstatSync(0);
    // QProcess gives us a pipe, Node's child_process a socketpair; a TTY or /dev/null is not watched.
    isPipe = st.isFIFO() || st.isSocket();
  } catch {
    // No stdin at all: rely on the ppid poll.
  }
  if (isPipe) {
    process.stdin.on("end", () => stop("stdin closed"));
    process.stdin.on("error", () => stop("stdin closed"));
    process.stdin.resume();
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const closers: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    // Never hang on shutdown: give the servers two seconds, then go.
    setTimeout(() => process.exit(0), 2000).unref();
    Promise.allSettled(closers.map((c) => c())).then(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGHUP", () => stop("SIGHUP"));
  watchParent(stop);
  // A bug in one request handler must not take the whole stack down during a test run.
  process.on("uncaughtException", (e) => log(`uncaught exception: ${e?.stack ?? e}`));
  process.on("unhandledRejection", (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

  const convexAvailable = !("convexStandinMissing" in convexModule);
  if (!args.clerkOnly && !convexAvailable)
    fail("the Convex stand-in (devstack/convex/server.ts) is not in this checkout yet; run with --clerk-only", 3);

  const tClerk = performance.now();
  const clerk = await startClerkStandin({ port: args.clerkPort, tokenLifetime: args.tokenLifetime, verbose: args.verbose });
  closers.push(() => clerk.close());
  log(`clerk stand-in on ${clerk.url} (google on ${clerk.googleUrl}) after ${Math.round(performance.now() - tClerk)} ms`);

  let convexUrl: string | null = null;
  if (!args.clerkOnly) {
    // The Convex stand-in reads its auth providers from convex/auth.config.ts, whose domain
    // comes from this variable, so Convex trusts exactly this Clerk instance.
    process.env.CLERK_ISSUER_URL = clerk.url;
    const convex = await convexModule.startConvexStandin({ port: args.convexPort, host: "127.0.0.1", dataFile: args.dataFile });
    closers.push(() => convex.close());
    convexUrl = convex.url;
    log(`convex stand-in on ${convex.url}`);
  }
  if (stopping) return;
  const ready = {
    convexUrl,
    clerkFrontendApi: clerk.url,
    clerkPublishableKey: clerk.publishableKey,
    accountsUrl: clerk.accountsUrl,
    clerkIssuer: clerk.url,
    googleUrl: clerk.googleUrl,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  // performance.now() counts from process start, so this includes Node's own start-up.
  log(`ready ${Math.round(performance.now())} ms after process start (${Math.round(performance.now() - t0)} ms in main)`);
}

main().catch((e) => fail(`failed to start: ${e?.stack ?? e}`, 1));
