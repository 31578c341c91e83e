// SPDX-License-Identifier: MIT
// Runs the Convex stand-in alone, for debugging: `devstack/convex/run [options]`.
// Prints one JSON line {"convexUrl": …} on stdout when ready; logs go to stderr.
import { startConvexStandin, type AuthProvider } from "./server";

const USAGE = `usage: devstack/convex/run [--port N] [--host H] [--data FILE] [--issuer URL]
                          [--chunk-threshold BYTES] [--verbose]
  --issuer URL   trust tokens from this OIDC issuer (aud "convex"); default: convex/auth.config.ts
                 with env CLERK_ISSUER_URL`;

function fail(message: string): never {
  process.stderr.write(`convex-standin: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]) {
  const opts: { port: number; host: string; dataFile?: string; providers?: AuthProvider[]; chunk?: number; verbose: boolean } =
    { port: 0, host: "127.0.0.1", verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    const int = (v: string, min: number, max: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) fail(`${a} must be an integer from ${min} to ${max}`);
      return n;
    };
    switch (a) {
      case "--port": opts.port = int(value(), 0, 65535); break;
      case "--host": opts.host = value(); break;
      case "--data": opts.dataFile = value(); break;
      case "--issuer": opts.providers = [{ domain: value(), applicationID: "convex" }]; break;
      case "--chunk-threshold": opts.chunk = int(value(), 1, 2 ** 31); break;
      case "--verbose": opts.verbose = true; break;
      case "-h": case "--help": process.stdout.write(`${USAGE}\n`); process.exit(0);
      default: fail(`unknown argument "${a}"`);
    }
  }
  return opts;
}

const opts = parse(process.argv.slice(2));
try {
  const standin = await startConvexStandin({
    port: opts.port,
    host: opts.host,
    dataFile: opts.dataFile,
    authProviders: opts.providers,
    transitionChunkThreshold: opts.chunk,
    log: opts.verbose ? (line) => process.stderr.write(`[convex-standin] ${line}\n`) : undefined,
  });
  process.stdout.write(`${JSON.stringify({ convexUrl: standin.url })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 2000).unref();
    void standin.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (e) {
  process.stderr.write(`convex-standin: failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
}
