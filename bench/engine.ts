// Engine benchmark: start-up, per-question latency and throughput over distinct questions, memory,
// the stdin JSON-lines mode, one `srm-bot ask` end to end and `npm run data:check` after an edit. Run with `npm run bench` (compiled JS).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createEngine } from "../src/engine/index.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../src/knowledge/paths.js";
import { loadForEngine } from "../src/knowledge/snapshot.js";
import { benchDataCheck } from "./data-check.js";
import { generateQuestions } from "./questions.js";

const N = Number(process.env.BENCH_QUESTIONS ?? 20_000);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(3)} ms`;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

const t0 = performance.now();
const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
const t1 = performance.now();
const engine = createEngine(kb);
const t2 = performance.now();
engine.resolve("who handles rds patching");
const t3 = performance.now();
engine.warm();
const t4 = performance.now();

console.log(`# srm-bot engine benchmark (${new Date().toISOString()}, node ${process.version})`);
console.log(`knowledge load + validate: ${ms(t1 - t0)}`);
console.log(`index build:               ${ms(t2 - t1)}`);
console.log(`engine ready (load+build+first answer): ${ms(t3 - t0)}`);
console.log(`typo index (built lazily, or by warm() in the server): ${ms(t4 - t3)}`);
// The CLI's start: knowledge and the engine's prepared data from the build's snapshot.
const s0 = performance.now();
const snap = await loadForEngine({
  dataDir: defaultDataDir,
  intentsDir: defaultIntentsDir,
  root: projectRoot,
});
const fromSnapshot = createEngine(snap.kb, { prepared: snap.prepared });
fromSnapshot.resolve("who handles rds patching");
console.log(
  `engine ready from the build's snapshot (as the CLI starts${snap.prepared ? "" : "; no snapshot found"}): ${ms(performance.now() - s0)}`,
);

const questions = generateQuestions(kb, N);
console.log(`questions: ${questions.length} distinct`);
const before = process.memoryUsage();
const lat = new Float64Array(questions.length);
const start = performance.now();
for (let i = 0; i < questions.length; i++) {
  const s = performance.now();
  engine.resolve(questions[i] as string);
  lat[i] = performance.now() - s;
}
const total = performance.now() - start;
const sorted = Array.from(lat).sort((a, b) => a - b);
const after = process.memoryUsage();
console.log(
  `in-process: ${(questions.length / (total / 1000)).toFixed(0)} questions/s; p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted[sorted.length - 1] as number)}`,
);
console.log(
  `memory: heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, rss ${mb(before.rss)} → ${mb(after.rss)}`,
);

// The machine interface: one process, one question a line in, one JSON object a line out.
const cli = join(projectRoot, "dist", "src", "cli", "main.js");
const input = `${questions.join("\n")}\n`;
const s = performance.now();
const run = spawnSync(process.execPath, [cli, "ask", "--json"], {
  input,
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
const wall = performance.now() - s;
const lines = run.stdout.trim().split("\n").length;
if (run.status !== 0 || lines !== questions.length)
  throw new Error(`stdin mode failed: status ${run.status}, ${lines} lines`);
console.log(
  `stdin JSON-lines mode: ${questions.length} questions in ${ms(wall)} wall (process start included) = ${(questions.length / (wall / 1000)).toFixed(0)} questions/s`,
);

const walls: number[] = [];
for (let i = 0; i < 10; i++) {
  const a = performance.now();
  const r = spawnSync(process.execPath, [cli, "ask", `who handles rds patching ${i}`], { encoding: "utf8" });
  walls.push(performance.now() - a);
  if (r.status !== 0) throw new Error(r.stderr);
}
walls.sort((a, b) => a - b);
console.log(
  `srm-bot ask (one question, end to end, 10 runs): median ${ms(quantile(walls, 0.5))}, max ${ms(walls[walls.length - 1] as number)}`,
);

for (const line of benchDataCheck()) console.log(line);
