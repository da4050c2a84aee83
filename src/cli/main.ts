import { createInterface } from "node:readline";
import { answerFor } from "../conversation/commands.js";
import { createEngine, type Engine } from "../engine/index.js";
import { defaultDataDir, defaultIntentsDir } from "../knowledge/paths.js";
import { loadForEngine } from "../knowledge/snapshot.js";
import { ANSI, PLAIN, renderText } from "../render/text.js";
import { toJsonLine } from "./json.js";

const USAGE = `srm-bot — who owns what under the AWS Shared Responsibility Model

Usage:
  srm-bot ask "<question>"        print a readable answer
  srm-bot ask --json "<question>" print one JSON object
  srm-bot ask --json              read one question a line on stdin, write one JSON object a line
  srm-bot chat                    chat in the terminal
  srm-bot explain "<question>"    show how the engine read and ranked a question
  srm-bot data check              validate data/ and intents/, listing every problem
  srm-bot data coverage           per service: kind, entries, layers explained or by rule, source
  srm-bot quiz post --channel <platform:workspace:channel>
                                  post one quiz to a Slack channel or Teams conversation now
  srm-bot help                    this text

Options:
  --data <dir>      knowledge folder (default: the bundled data/)
  --intents <dir>   intents folder (default: the bundled intents/)

Examples:
  srm-bot ask "who handles RDS patching?"
  echo "who patches lambda runtimes" | srm-bot ask --json
`;

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

function parseArgs(argv: string[]): { words: string[]; opts: Options } {
  const opts: Options = { json: false, dataDir: defaultDataDir, intentsDir: defaultIntentsDir };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") opts.json = true;
    else if (a === "--data" || a === "--intents") {
      const v = argv[++i];
      if (!v) throw new UsageError(`${a} needs a folder`);
      if (a === "--data") opts.dataDir = v;
      else opts.intentsDir = v;
    } else words.push(a);
  }
  return { words, opts };
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const { words: all, opts } = parseArgs(argv);
  const [command, ...words] = all;
  const json = opts.json;
  switch (command) {
    case "ask": {
      const engine = await loadEngine(opts);
      if (words.length === 0) {
        if (json) {
          await askStdin(engine.warm());
          return 0;
        }
        process.stderr.write('Ask a question, e.g. srm-bot ask "who handles RDS patching?"\n');
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
    case "explain": {
      const engine = await loadEngine(opts);
      process.stdout.write(`${JSON.stringify(engine.explain(words.join(" ")), null, 1)}\n`);
      return 0;
    }
    case "chat":
      await chat((await loadEngine(opts)).warm());
      return 0;
    case "data": {
      if (words[0] !== "check" && words[0] !== "coverage") break;
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
    case "quiz": {
      // Loaded on demand: the store and platform clients would triple the start-up of `ask`.
      const { quizCommand } = await import("../quiz/cli.js");
      return quizCommand(words);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(`Unknown command: ${[command, ...words].join(" ")}\n\n${USAGE}`);
  return 2;
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
