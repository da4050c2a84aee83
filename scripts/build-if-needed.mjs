#!/usr/bin/env node
// `npm start` runs this first: a fresh clone (or an edited src/) gets built, an up-to-date dist/ starts at once.
// A stamp written only after a successful build means a failed build is retried next time, not silently reused.
// Knowledge (data/, intents/) is not compiled: after an edit there only the validated-knowledge snapshot is
// rewritten, which takes a second, not a TypeScript build.
//   --code    build only when code changed (`npm run data:check`: the check itself reads the data)
//   --stamp   record that dist/ is up to date (`npm run build` does, after it compiled everything)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");
const codeInputs = ["src", "scripts", "bench", "tsconfig.json", "tsconfig.build.json", "package.json"];
const knowledgeInputs = ["data", "intents"];
const args = new Set(process.argv.slice(2));
const writeStamp = () => writeFileSync(stamp, `${new Date().toISOString()}\n`);

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

if (args.has("--stamp")) {
  writeStamp();
  process.exit(0);
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const newestOf = (paths) => Math.max(...paths.map((p) => newest(join(root, p))));
const hasBuild = existsSync(join(root, "dist", "src", "index.js"));
const codeChanged = !hasBuild || built === 0 || newestOf(codeInputs) > built;
const knowledgeChanged = !args.has("--code") && newestOf(knowledgeInputs) > built;
if (!codeChanged && !knowledgeChanged) process.exit(0);

/** Validates the knowledge once and keeps it for fast CLI starts (same as `npm run build`'s postbuild). */
function snapshot() {
  const r = spawnSync(process.execPath, [join(root, "dist", "scripts", "write-knowledge-snapshot.js")], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!codeChanged) {
  snapshot();
  writeStamp();
  process.exit(0);
}

let tsc;
try {
  tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
} catch {
  if (hasBuild) {
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
snapshot();
writeStamp();
