// SPDX-License-Identifier: MIT
// Bundles devstack/main.ts (with both stand-ins and their npm dependencies) into
// devstack/dist/main.mjs so `devstack/run` starts in ~100 ms instead of transpiling on the fly.
// `devstack/run` calls this only when a source is newer than the bundle.
import { build } from "esbuild";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "dist");
const outFile = join(outDir, "main.mjs");
const tmpFile = join(outDir, `.main.${process.pid}.mjs`);

// Until the Convex stand-in exists, bundle a placeholder so the Clerk side still runs
// (`devstack/run --clerk-only`) and the full launcher fails with a clear message.
const convexPlaceholder = {
  name: "convex-standin-placeholder",
  setup(b) {
    b.onResolve({ filter: /^\.\/convex\/server\.ts$/ }, (args) => {
      const real = join(args.resolveDir, "convex", "server.ts");
      return existsSync(real) ? { path: real } : { path: "convex-standin-missing", namespace: "placeholder" };
    });
    b.onLoad({ filter: /.*/, namespace: "placeholder" }, () => ({
      contents:
        "export const convexStandinMissing = true;\n" +
        "export async function startConvexStandin() { throw new Error('devstack/convex/server.ts is missing'); }\n",
      loader: "js",
    }));
  },
};

mkdirSync(outDir, { recursive: true });
try {
  await build({
    entryPoints: [join(here, "main.ts")],
    outfile: tmpFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Some bundled CommonJS dependencies call require(); give ESM output a real one.
    banner: { js: "import { createRequire as __devstackRequire } from 'node:module'; const require = __devstackRequire(import.meta.url);" },
    plugins: [convexPlaceholder],
  });
  // Atomic replace: a concurrently starting devstack never sees a half-written bundle.
  renameSync(tmpFile, outFile);
} catch (e) {
  rmSync(tmpFile, { force: true });
  process.stderr.write(`devstack: bundling failed: ${e?.message ?? e}\n`);
  process.exit(1);
}
