// Accuracy of the engine on question sets nobody tuned the data against (see README "Evaluation").
// Runs the real CLI in its stdin JSON-lines mode, so the machine contract is what gets measured.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/knowledge/paths.js";

interface Case {
  cat: string;
  q: string;
  intent?: string;
  owner?: string | null;
  service?: string | null;
  model?: string | null;
}
interface Result {
  question: string;
  intent: string;
  owner: string | null;
  service: string | null;
  model: string | null;
  entry: string | null;
  confidence: number;
}

function readCases(file: string): Case[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}

function ask(questions: string[]): Result[] {
  const cli = join(projectRoot, "dist", "src", "cli", "main.js");
  const run = spawnSync(process.execPath, [cli, "ask", "--json"], {
    input: `${questions.map((q) => q.replace(/\n/g, " ")).join("\n")}\n`,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`srm-bot ask --json failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Result);
}

/** Which expectations a result misses; keys absent from the case are not scored. */
function misses(c: Case, r: Result): string[] {
  const out: string[] = [];
  if (c.intent !== undefined && r.intent !== c.intent) out.push(`intent ${r.intent}≠${c.intent}`);
  if (c.owner !== undefined && r.owner !== c.owner) out.push(`owner ${r.owner}≠${c.owner}`);
  if (c.service !== undefined && r.service !== c.service) out.push(`service ${r.service}≠${c.service}`);
  if (c.model !== undefined && r.model !== c.model) out.push(`model ${r.model}≠${c.model}`);
  return out;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : "n/a";
}

interface Tally {
  correct: number;
  total: number;
  seed: [number, number];
  declined: [number, number];
}

function report(name: string, cases: Case[], verbose: boolean): Tally {
  const results = ask(cases.map((c) => c.q));
  const byCat = new Map<string, { ok: number; n: number }>();
  let correct = 0;
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const r = results[i] as Result;
    const m = misses(c, r);
    const s = byCat.get(c.cat) ?? { ok: 0, n: 0 };
    s.n++;
    if (m.length === 0) {
      s.ok++;
      correct++;
    } else
      failures.push(
        `  [${c.cat}] ${JSON.stringify(c.q)} → ${m.join(", ")} (entry ${r.entry}, conf ${r.confidence})`,
      );
    byCat.set(c.cat, s);
  });
  const oos = cases.filter((c) => c.intent === "fallback");
  const declined = oos.filter((c, _i) => results[cases.indexOf(c)]?.intent === "fallback").length;
  console.log(`\n## ${name}: ${correct}/${cases.length} = ${pct(correct, cases.length)}`);
  for (const [cat, s] of [...byCat].sort())
    console.log(`  ${cat.padEnd(12)} ${String(s.ok).padStart(4)}/${String(s.n).padEnd(4)} ${pct(s.ok, s.n)}`);
  if (oos.length)
    console.log(`  out-of-scope declined: ${declined}/${oos.length} = ${pct(declined, oos.length)}`);
  if (verbose && failures.length) console.log(`  failures:\n${failures.join("\n")}`);
  const seed = byCat.get("seed") ?? { ok: 0, n: 0 };
  return { correct, total: cases.length, seed: [seed.ok, seed.n], declined: [declined, oos.length] };
}

const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");
const sets: Array<[string, string]> = [
  ["dev (tuned against)", join(projectRoot, "eval", "dev.jsonl")],
  ["held-out (never tuned against)", join(projectRoot, "eval", "heldout.jsonl")],
];
const sum: Tally = { correct: 0, total: 0, seed: [0, 0], declined: [0, 0] };
for (const [name, file] of sets) {
  const r = report(name, readCases(file), verbose);
  sum.correct += r.correct;
  sum.total += r.total;
  sum.seed = [sum.seed[0] + r.seed[0], sum.seed[1] + r.seed[1]];
  sum.declined = [sum.declined[0] + r.declined[0], sum.declined[1] + r.declined[1]];
}
console.log(`\n## overall (dev + held-out): ${sum.correct}/${sum.total} = ${pct(sum.correct, sum.total)}`);
console.log(`  seed examples:         ${sum.seed[0]}/${sum.seed[1]} = ${pct(...sum.seed)}`);
console.log(`  out-of-scope declined: ${sum.declined[0]}/${sum.declined[1]} = ${pct(...sum.declined)}`);

// Questions taken from public practice exams: written by nobody on this project.
const external = join(projectRoot, "..", "shared", "eval", "cloud-practitioner-srm.jsonl");
if (existsSync(external)) report("external: cloud-practitioner practice exams", readCases(external), verbose);
