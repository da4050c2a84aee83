// README.md's output examples are real output. An example is a ```json block right after a ```sh block that
// holds one command: `npm run readme:examples` runs each such command and writes what it printed into the
// block; `--check` only compares and exits 1 when the README has drifted. test/readme/readme.test.ts runs the
// same comparison, so an answer that changes on main fails the tests until the examples are regenerated.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../src/knowledge/paths.js";

export const README = join(projectRoot, "README.md");

export interface Block {
  lang: string;
  body: string;
  /** Offsets of the body inside the README text (between the fences' lines). */
  start: number;
  end: number;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Every fenced code block, in order. */
export function codeBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```([\w-]*)[^\n]*\n/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const start = m.index + m[0].length;
    const close = text.indexOf("\n```", start - 1);
    if (close < 0) break;
    const end = close + 1;
    blocks.push({
      lang: m[1] ?? "",
      body: text.slice(start, end),
      start,
      end,
      line: text.slice(0, m.index).split("\n").length,
    });
    fence.lastIndex = text.indexOf("\n", end) + 1 || text.length;
  }
  return blocks;
}

/** The command lines of a shell block: comments (whole-line or trailing `  # …`) and blank lines left out. */
export function commandsOf(block: Block): string[] {
  return block.body
    .split("\n")
    .map((l) => l.replace(/\s+#\s.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"));
}

export interface Example {
  command: string;
  /** The output block. */
  block: Block;
}

/** Each output example: a json block whose previous block, with only blank lines between, is one command. */
export function examples(text: string): Example[] {
  const blocks = codeBlocks(text);
  const out: Example[] = [];
  blocks.forEach((b, i) => {
    if (b.lang !== "json") return;
    const prev = blocks[i - 1];
    // From the previous block's closing fence to this one's opening fence: only blank lines allowed.
    const between = prev ? text.slice(prev.end, b.start) : "";
    const gap = between.replace(/^```[^\n]*\n/, "").replace(/```json[^\n]*\n$/, "");
    const commands = prev ? commandsOf(prev) : [];
    if (prev?.lang !== "sh" || gap.trim() !== "" || commands.length !== 1)
      throw new Error(
        `README.md line ${b.line}: a JSON example must follow a sh block with the one command that prints it`,
      );
    out.push({ command: commands[0] as string, block: b });
  });
  return out;
}

/** A reader's environment: PATH and HOME, every variable in `blank` set empty, then `extra`. */
export function readerEnv(blank: readonly string[], extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const name of blank) env[name] = "";
  return Object.assign(env, extra);
}

/**
 * Runs a README command as a reader would, from the project folder, with none of this shell's credentials
 * or settings (a developer's .env does not apply either: every variable is blanked).
 */
export function runCommand(
  command: string,
  blank: readonly string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("sh", ["-c", command], {
    cwd: projectRoot,
    env: readerEnv(blank),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The README with every example replaced by its command's real output; throws when a command fails. */
export function regenerate(text: string, blank: readonly string[] = []): string {
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const ex of examples(text).reverse()) {
    const r = runCommand(ex.command, blank);
    if (r.status !== 0) throw new Error(`\`${ex.command}\` failed (exit ${r.status}):\n${r.stderr}`);
    out = out.slice(0, ex.block.start) + r.stdout + out.slice(ex.block.end);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const { CONFIG_VARIABLES } = await import("../src/config.js");
  const text = readFileSync(README, "utf8");
  const fresh = regenerate(text, CONFIG_VARIABLES);
  if (argv.includes("--check")) {
    if (fresh === text) {
      console.log("README.md examples are real output.");
      return 0;
    }
    console.error("README.md examples differ from the real output: run `npm run readme:examples`.");
    return 1;
  }
  if (fresh !== text) writeFileSync(README, fresh);
  console.log(
    `README.md: ${examples(text).length} example(s) ${fresh === text ? "already real output" : "regenerated"}.`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`readme:examples: ${(err as Error).message}`);
      process.exitCode = 1;
    },
  );
