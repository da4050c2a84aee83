import { createInterface } from "node:readline";
import { answerFor, parseCommand } from "../conversation/commands.js";
import { createEngine, type Engine } from "../engine/index.js";
import { stripChatMarkup } from "../engine/text.js";
import { defaultDataDir, defaultIntentsDir } from "../knowledge/paths.js";
import { loadForEngine } from "../knowledge/snapshot.js";
import { ANSI, PLAIN, renderText } from "../render/text.js";
import { formatExplanation } from "./explain.js";
import { toJsonLine } from "./json.js";
import { COMMAND_USAGE, USAGE } from "./usage.js";

interface Options {
  json: boolean;
  dataDir: string;
  intentsDir: string;
}

async function loadEngine(o: Options): Promise<Engine> {
  const { kb, prepared } = await loadForEngine({
    dataDir: o.dataDir,
    intentsDir: o.intentsDir,
    root: process.cwd(),
  });
  return createEngine(kb, { prepared });
}

/**
 * One JSON line out per line in, in order. Output is batched per input chunk: one write per line would make
 * the pipe, not the engine, the bottleneck, and a line typed interactively is still answered at once.
 */
function askStdin(engine: Engine): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buffer) return;
    const ok = process.stdout.write(buffer);
    buffer = "";
    if (!ok) {
      rl.pause();
      process.stdout.once("drain", () => rl.resume());
    }
  };
  rl.on("line", (line) => {
    buffer += `${toJsonLine(line, answerFor(engine, line))}\n`;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
  return new Promise((resolve) =>
    rl.once("close", () => {
      flush();
      resolve();
    }),
  );
}

async function chat(engine: Engine): Promise<void> {
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
  console.log("Ask who owns what in AWS (Ctrl+D or “exit” to leave). Try: who handles RDS patching?");
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (q === "exit" || q === "quit") break;
    if (q) console.log(`\n${renderText(answerFor(engine, q), style)}\n`);
    rl.prompt();
  }
  rl.close();
}

interface Parsed {
  words: string[];
  opts: Options;
  help: boolean;
}

/** Options anywhere before `--`; everything else (and everything after `--`) is words of the command. */
function parseArgs(argv: string[]): Parsed {
  const opts: Options = { json: false, dataDir: defaultDataDir, intentsDir: defaultIntentsDir };
  const words: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a === "--json") opts.json = true;
    else if (a === "--help" || a === "-h") help = true;
    else if (a === "--data" || a === "--intents") {
      const v = argv[++i];
      if (!v) throw new UsageError(`${a} needs a folder`);
      if (a === "--data") opts.dataDir = v;
      else opts.intentsDir = v;
    } else if (/^--?[a-z]/i.test(a) && words[0] !== "quiz")
      // A mistyped option must not silently become part of a question (`quiz` reads its own options).
      throw new UsageError(
        `Unknown option: ${a} (see srm-bot --help; put -- before a question that starts with -)`,
      );
    else words.push(a);
  }
  return { words, opts, help };
}

class UsageError extends Error {}

const usageOf = (command: string | undefined) => (command && COMMAND_USAGE[command]) || USAGE;

export async function main(argv: string[]): Promise<number> {
  const { words: all, opts, help } = parseArgs(argv);
  const [command, ...words] = all;
  const json = opts.json;
  if (help && command !== "quiz") {
    process.stdout.write(usageOf(command));
    return 0;
  }
  switch (command) {
    case "ask": {
      const engine = await loadEngine(opts);
      if (words.length === 0) {
        if (json) {
          await askStdin(engine.warm());
          return 0;
        }
        process.stderr.write(
          `Ask a question, e.g. srm-bot ask "who handles RDS patching?"\n\n${COMMAND_USAGE.ask}`,
        );
        return 2;
      }
      const question = words.join(" ");
      const answer = answerFor(engine, question);
      process.stdout.write(
        json
          ? `${toJsonLine(question, answer)}\n`
          : `${renderText(answer, process.stdout.isTTY ? ANSI : PLAIN)}\n`,
      );
      return 0;
    }
    case "explain":
      return explainCommand(words, opts);
    case "chat":
      if (words.length) break;
      await chat((await loadEngine(opts)).warm());
      return 0;
    case "data":
      return dataCommand(words, opts);
    case "quiz": {
      // Loaded on demand: the store and platform clients would triple the start-up of `ask`.
      const { quizCommand, QUIZ_USAGE } = await import("../wiring/quiz-post.js");
      if (help) {
        process.stdout.write(QUIZ_USAGE);
        return 0;
      }
      return quizCommand(words);
    }
    case undefined:
    case "help":
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(`Unknown command: ${[command, ...words].join(" ")}\n\n${USAGE}`);
  return 2;
}

/** `srm-bot explain <question>`: how the engine read it, or which command it is. */
async function explainCommand(words: string[], opts: Options): Promise<number> {
  const json = opts.json;
  if (words.length === 0) {
    process.stderr.write(`Give a question to explain.\n\n${COMMAND_USAGE.explain}`);
    return 2;
  }
  const engine = await loadEngine(opts);
  const question = words.join(" ");
  // What `ask` does with the same words: a command is answered as a command, not read as a question.
  const cmd = parseCommand(stripChatMarkup(question));
  if (cmd.kind !== "question") {
    const answer = answerFor(engine, question);
    process.stdout.write(
      json
        ? `${JSON.stringify({ command: cmd.kind, answer }, null, 2)}\n`
        : `"${question}" is the ${cmd.kind} command: it is answered as a command, not read as a question.\n${renderText(answer)}\n`,
    );
    return 0;
  }
  const explanation = engine.explain(cmd.text);
  process.stdout.write(
    json
      ? `${JSON.stringify(explanation, null, 2)}\n`
      : `${formatExplanation(question, explanation, process.stdout.isTTY ? ANSI : PLAIN)}\n`,
  );
  return 0;
}

/** `srm-bot data check|coverage`: always the full validation, as these commands exist to list problems. */
async function dataCommand(words: string[], opts: Options): Promise<number> {
  if (words[0] !== "check" && words[0] !== "coverage") {
    process.stderr.write(
      `${words[0] ? `Unknown data command: ${words[0]}` : "Say which: data check or data coverage."}\n\n${COMMAND_USAGE.data}`,
    );
    return 2;
  }
  // Always the full validation: these commands exist to list problems and gaps.
  const { loadKnowledge } = await import("../knowledge/load.js");
  const { coverage, coverageTable, staleEntries } = await import("../knowledge/coverage.js");
  const kb = loadKnowledge({ dataDir: opts.dataDir, intentsDir: opts.intentsDir, root: process.cwd() });
  if (words[0] === "coverage") {
    console.log(coverageTable(coverage(kb)));
    return 0;
  }
  console.log(
    `Knowledge base is valid: ${kb.entries.length} entries, ${kb.services.length} services, ${kb.models.length} service models, ${kb.controls.length} shared controls, ${kb.scenarios.length} quiz scenarios, ${kb.intents.length} intents.`,
  );
  const stale = staleEntries(kb, new Date().toISOString().slice(0, 10));
  if (stale.length)
    console.log(`Warning: ${stale.length} entries not reviewed in 12 months:\n  ${stale.join("\n  ")}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Known problems get their own clear message; anything else one line, never a stack trace.
    // A KnowledgeError's message lists every problem; matched by name so this file needs no zod.
    const e = err as Error;
    process.stderr.write(`${e.name === "KnowledgeError" ? e.message : `srm-bot: ${e.message}`}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
