import { createInterface } from "node:readline";
import { createEngine, type Engine } from "../engine/index.js";
import { KnowledgeError, loadKnowledge } from "../knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../knowledge/paths.js";
import { ANSI, PLAIN, renderText } from "../render/text.js";
import { toJsonLine } from "./json.js";

const USAGE = `srm-bot — who owns what under the AWS Shared Responsibility Model

Usage:
  srm-bot ask "<question>"        print a readable answer
  srm-bot ask --json "<question>" print one JSON object
  srm-bot ask --json              read one question a line on stdin, write one JSON object a line
  srm-bot chat                    chat in the terminal
  srm-bot data check              validate data/ and intents/, listing every problem
  srm-bot help                    this text

Examples:
  srm-bot ask "who handles RDS patching?"
  echo "who patches lambda runtimes" | srm-bot ask --json
`;

function loadEngine(): Engine {
  const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
  return createEngine(kb);
}

async function askStdin(engine: Engine): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  // Batch writes: one write per line would make the pipe, not the engine, the bottleneck.
  let buffer = "";
  for await (const line of rl) {
    buffer += `${toJsonLine(line, engine.resolve(line))}\n`;
    if (buffer.length > 64 * 1024) {
      if (!process.stdout.write(buffer)) await new Promise((r) => process.stdout.once("drain", r));
      buffer = "";
    }
  }
  if (buffer) process.stdout.write(buffer);
}

async function chat(engine: Engine): Promise<void> {
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
  console.log("Ask who owns what in AWS (Ctrl+D or “exit” to leave). Try: who handles RDS patching?");
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (q === "exit" || q === "quit") break;
    if (q) console.log(`\n${renderText(engine.resolve(q), style)}\n`);
    rl.prompt();
  }
  rl.close();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const words = rest.filter((a) => a !== "--json");
  switch (command) {
    case "ask": {
      const engine = loadEngine();
      if (words.length === 0) {
        if (json) {
          await askStdin(engine);
          return 0;
        }
        process.stderr.write('Ask a question, e.g. srm-bot ask "who handles RDS patching?"\n');
        return 2;
      }
      const question = words.join(" ");
      const answer = engine.resolve(question);
      process.stdout.write(
        json ? `${toJsonLine(question, answer)}\n` : `${renderText(answer, process.stdout.isTTY ? ANSI : PLAIN)}\n`,
      );
      return 0;
    }
    case "chat":
      await chat(loadEngine());
      return 0;
    case "data": {
      if (words[0] !== "check") break;
      const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
      console.log(
        `Knowledge base is valid: ${kb.entries.length} entries, ${kb.services.length} services, ${kb.models.length} service models, ${kb.controls.length} shared controls, ${kb.scenarios.length} quiz scenarios, ${kb.intents.length} intents.`,
      );
      return 0;
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
    process.stderr.write(`${err instanceof KnowledgeError ? err.message : `srm-bot: ${(err as Error).message}`}\n`);
    process.exitCode = 1;
  },
);
