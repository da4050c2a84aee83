#!/usr/bin/env node
// `npm start` runs this first: a fresh clone (or an edited src/ or data/) gets built, an up-to-date dist/ starts at once.
// A stamp written only after a successful build means a failed build is retried next time, not silently reused.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");
const inputs = [
  "src",
  "scripts",
  "bench",
  "data",
  "intents",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((p) => newest(join(root, p))));
if (built > 0 && built >= changed && existsSync(join(root, "dist", "src", "index.js"))) process.exit(0);

let tsc;
try {
  tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
} catch {
  if (existsSync(join(root, "dist", "src", "index.js"))) {
    process.stderr.write("srm-bot: TypeScript is not installed, starting the existing build in dist/.\n");
    process.exit(0);
  }
  process.stderr.write(
    "srm-bot: dist/ is missing and TypeScript is not installed: run `npm install` first.\n",
  );
  process.exit(1);
}

process.stderr.write(
  built ? "srm-bot: sources changed, rebuilding…\n" : "srm-bot: building (first start)…\n",
);
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (result.status !== 0) {
  process.stderr.write("srm-bot: the build failed (see the errors above).\n");
  process.exit(result.status ?? 1);
}
// Same as `npm run build`'s postbuild: validate the knowledge once and keep it for fast CLI starts.
const snapshot = spawnSync(process.execPath, [join(root, "dist", "scripts", "write-knowledge-snapshot.js")], {
  cwd: root,
  stdio: "inherit",
});
if (snapshot.status !== 0) process.exit(snapshot.status ?? 1);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
