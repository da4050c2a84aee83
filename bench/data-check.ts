// The data-editing loop: how long `npm run data:check` takes right after a knowledge file was edited, the
// way someone adding an entry runs it (README, "Adding knowledge"). The edits go to a copy of data/ so the
// committed files are never touched; the command is the real npm script, given the copy with --data.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../src/knowledge/paths.js";

const RUNS = 5;

function timeCheck(dataDir: string): { ms: number; status: number | null; out: string } {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const start = performance.now();
  const r = spawnSync(npm, ["run", "--silent", "data:check", "--", "--data", dataDir], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  return { ms: performance.now() - start, status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Median and max wall time of `npm run data:check` after a valid edit and after an invalid one. */
export function benchDataCheck(): string[] {
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-data-"));
  const dataDir = join(dir, "data");
  cpSync(join(projectRoot, "data"), dataDir, { recursive: true });
  const file = join(dataDir, "entries", "general.json");
  const original = readFileSync(file, "utf8");
  const valid: number[] = [];
  const invalid: number[] = [];
  let problems = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const entries = JSON.parse(original) as Array<Record<string, unknown>>;
      (entries[0] as Record<string, unknown>).statement = `An edited statement, run ${i}`;
      writeFileSync(file, JSON.stringify(entries, null, 2));
      const ok = timeCheck(dataDir);
      if (ok.status !== 0) throw new Error(`data:check failed on valid data:\n${ok.out}`);
      valid.push(ok.ms);

      // Three mistakes at once: a missing field, a bad value and a reference to nothing.
      const first = entries[0] as Record<string, unknown>;
      delete first.rationale;
      (entries[1] as Record<string, unknown>).owner = "nobody";
      (entries[2] as Record<string, unknown>).related = ["no-such-entry"];
      writeFileSync(file, JSON.stringify(entries, null, 2));
      const bad = timeCheck(dataDir);
      if (bad.status !== 1) throw new Error(`data:check passed invalid data:\n${bad.out}`);
      problems = Number(/\((\d+) problems?\)/.exec(bad.out)?.[1] ?? 0);
      invalid.push(bad.ms);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const show = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `median ${(s[Math.floor(s.length / 2)] as number).toFixed(0)} ms, max ${(s.at(-1) as number).toFixed(0)} ms`;
  };
  return [
    `npm run data:check after an edit (${RUNS} runs, whole knowledge base): valid ${show(valid)}; ` +
      `with 3 mistakes ${show(invalid)}, ${problems} problems listed in one round`,
  ];
}
