// SPDX-License-Identifier: MIT
// Bundles the Convex stand-in (server.ts as a library, cli.ts as a program) with its npm
// dependencies and the sample backend into self-contained ESM files, e.g. for tests:
//   import { bundleConvexStandin } from "../convex/bundle.mjs";
//   const { server, cli } = await bundleConvexStandin(outDir);
// Run directly (`node devstack/convex/bundle.mjs`) it writes devstack/dist/convex/.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export const esbuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS dependencies call require(); give the ESM output a real one.
  banner: { js: "import { createRequire as __convexStandinRequire } from 'node:module'; const require = __convexStandinRequire(import.meta.url);" },
};

/** Returns the paths of the bundled server (library) and cli (program) modules. */
export async function bundleConvexStandin(outDir) {
  mkdirSync(outDir, { recursive: true });
  await build({
    ...esbuildOptions,
    entryPoints: { server: join(here, "server.ts"), cli: join(here, "cli.ts") },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
  });
  return { server: join(outDir, "server.mjs"), cli: join(outDir, "cli.mjs") };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const out = await bundleConvexStandin(join(here, "..", "dist", "convex"));
  process.stderr.write(`bundled ${out.server} and ${out.cli}\n`);
}
