// README.md, kept true. Every command in a `sh` block is run here as a reader would type it (from the project
// folder, none of this shell's settings), except `npm install` and `npm test`, which are what CI itself runs
// (.ci/run), and the Docker commands, checked against the Dockerfile. Every JSON example must be the real
// output of the command above it (`npm run readme:examples` regenerates them). And every npm script, CLI
// command and environment variable the README names must exist.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  codeBlocks,
  commandsOf,
  examples,
  README,
  readerEnv,
  regenerate,
  runCommand,
} from "../../scripts/readme-examples.js";
import { CONFIG_VARIABLES } from "../../src/config.js";
import { projectRoot } from "../../src/knowledge/paths.js";
import { CONTRACT_KEYS } from "../contract-keys.js";

const readme = readFileSync(README, "utf8");
const blocks = codeBlocks(readme);
const ci = readFileSync(join(projectRoot, ".ci", "run"), "utf8");
const dockerfile = readFileSync(join(projectRoot, "Dockerfile"), "utf8");
const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const EXPLANATION_KEYS = ["reading", "candidates", "ruling", "threshold", "rule", "answer"];

/** Runs a README command with this shell's configuration blanked (a developer's .env does not apply). */
function run(command: string, extra: Record<string, string> = {}, input?: string) {
  if (input === undefined && Object.keys(extra).length === 0) return runCommand(command, CONFIG_VARIABLES);
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd: projectRoot, env: readerEnv(CONFIG_VARIABLES, extra) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

const json = (out: string) => JSON.parse(out) as Record<string, unknown>;
const ok = (r: { status: number | null; stderr: string }) => {
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
};

// ---- How each command shown is checked ------------------------------------------------------------------

type Check = (command: string) => Promise<void> | void;

/** `npm install` and `npm test` are CI's own steps: checked to be in .ci/run, which runs from a fresh clone. */
const inCi: Check = (command) => {
  for (const part of command.split("&&").map((p) => p.trim()))
    if (part === "npm install") expect(ci).toMatch(/npm ci|npm install/);
    else if (part === "npm test") expect(ci).toMatch(/^npm test$/m);
    else if (part.startsWith("TEST_DATABASE_URL=")) {
      const url = part.split(/\s+/)[0]?.slice("TEST_DATABASE_URL=".length) ?? "";
      expect(ci).toContain(`TEST_DATABASE_URL="\${TEST_DATABASE_URL:-${url}}"`);
      expect(part.endsWith(" npm test")).toBe(true);
    } else if (part !== "npm start") throw new Error(`no check for "${part}"`);
};

const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started)
    if (p.exitCode === null && p.signalCode === null && p.pid)
      try {
        process.kill(-p.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
});

/** `npm start` for real (on a free port, SQLite in a temp folder): it serves the playground, then stops. */
async function npmStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "srm-readme-start-"));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const name of CONFIG_VARIABLES) env[name] = "";
  Object.assign(env, {
    PORT: "0",
    LOG_FORMAT: "json",
    QUIZ_ENABLED: "false",
    SQLITE_PATH: join(dir, "bot.db"),
  });
  // Its own process group, so npm and the server it starts are stopped together.
  const child = spawn("sh", ["-c", "npm start"], { cwd: projectRoot, env, detached: true });
  started.push(child);
  let out = "";
  try {
    const banner = await new Promise<{ url: string }>((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        for (const line of out.split("\n")) {
          if (!line.includes("srm-bot is running")) continue;
          resolve(JSON.parse(line) as { url: string });
        }
      });
      child.stderr?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.on("exit", (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}`)));
    });
    const page = await fetch(`${banner.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/srm-bot/);
    // "close": npm may exit first; the server holds the same output pipe until it has stopped.
    const exited = new Promise((r) => child.once("close", r));
    process.kill(-(child.pid as number), "SIGTERM");
    await exited;
    expect(out).toMatch(/"msg":"stopped"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const startAndInstall: Check = async (command) => {
  inCi(command);
  await npmStart();
};

/** The image the Docker commands build and run: the port, volume and SQLite path they rely on. */
const docker: Check = (command) => {
  if (command.startsWith("docker build")) {
    expect(command).toBe("docker build -t srm-bot .");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    return;
  }
  const port = /-p (\d+):(\d+)/.exec(command);
  expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port?.[2]}$`, "m"));
  expect(dockerfile).toMatch(new RegExp(`PORT=${port?.[2]}\\b`));
  expect(command).toMatch(/-v [\w-]+:\/data\b/);
  expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  expect(dockerfile).toMatch(/SQLITE_PATH=\/data\/srm-bot\.db/);
  expect(command).toMatch(/--env-file \.env\b/);
  expect(command.endsWith(" srm-bot")).toBe(true);
};

/** `quiz post` for real, against a fake Slack Web API on loopback. */
const quizPost: Check = async (command) => {
  const calls: string[] = [];
  const slack = createServer((req, res) => {
    calls.push(req.url ?? "");
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, channel: "C0456EFGH", ts: "1767600000.000100" }));
    });
  });
  await new Promise<void>((r) => slack.listen(0, "127.0.0.1", r));
  const dir = mkdtempSync(join(tmpdir(), "srm-readme-quiz-"));
  try {
    const r = await run(command, {
      SLACK_BOT_TOKEN: "xoxb-readme-test",
      SLACK_SIGNING_SECRET: "readme-test-secret",
      SLACK_API_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`,
      SQLITE_PATH: join(dir, "bot.db"),
    });
    ok(r);
    expect(r.stdout).toMatch(/^Posted quiz \S+ to slack:T0123ABCD:C0456EFGH: /);
    expect(calls).toEqual(["/api/chat.postMessage"]);
  } finally {
    slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The CLI commands, run as shown; each output checked for what the comment beside it promises. */
const cli: Array<[RegExp, Check]> = [
  [
    /^npx srm-bot ask --json "[^"]+"$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(Object.keys(json(r.stdout))).toEqual(CONTRACT_KEYS);
    },
  ],
  [
    /^npx srm-bot ask "[^"]+"$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(r.stdout).toMatch(/^\[(AWS|Customer|Shared)\] /);
    },
  ],
  [
    /^npx srm-bot chat$/,
    async (c) => {
      const r = await run(c, {}, "who handles RDS patching?\nexit\n");
      ok(r);
      expect(r.stdout).toMatch(/\[AWS\]/);
    },
  ],
  [
    /^npx srm-bot explain --json "[^"]+"$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(Object.keys(json(r.stdout))).toEqual(EXPLANATION_KEYS);
    },
  ],
  [
    /^npx srm-bot explain "[^"]+"$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      for (const part of [
        /^Question /,
        /^Reading$/m,
        /^Candidates /m,
        /^Responsibility model$/m,
        /^Rule /m,
        /^Answer$/m,
      ])
        expect(r.stdout).toMatch(part);
    },
  ],
  [
    /^npx srm-bot data check$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(r.stdout).toMatch(/^Knowledge base is valid: \d+ entries/);
    },
  ],
  [
    /^npx srm-bot data coverage$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(r.stdout.split("\n").length).toBeGreaterThan(10);
    },
  ],
  [
    /^npx srm-bot help$/,
    async (c) => {
      const r = await run(c);
      ok(r);
      expect(r.stdout).toMatch(/^srm-bot — [\s\S]*Usage:/);
    },
  ],
  [/^npx srm-bot quiz post --channel slack:T0123ABCD:C0456EFGH$/, quizPost],
  [/^(TEST_DATABASE_URL=\S+ )?npm test$/, inCi],
  [/^npm install && npm start$/, startAndInstall],
  [/^docker (build|run) /, docker],
];

const exampleCommands = new Set(examples(readme).map((e) => e.command));
const shown = blocks
  .filter((b) => b.lang === "sh")
  .flatMap(commandsOf)
  .filter((c) => !exampleCommands.has(c));

describe("README.md", () => {
  it("fences every code block as sh, json or text", () => {
    for (const b of blocks) expect(["sh", "json", "text"], `block at line ${b.line}`).toContain(b.lang);
  });

  it("has a check for every command it shows", () => {
    const unchecked = shown.filter((c) => !cli.some(([pattern]) => pattern.test(c)));
    expect(unchecked, "commands in README.md with no check in test/readme/readme.test.ts").toEqual([]);
  });

  it.each(shown)(
    "`%s` works as shown",
    async (command) => {
      const [, check] = cli.find(([pattern]) => pattern.test(command)) as [RegExp, Check];
      await check(command);
    },
    120_000,
  );

  it("shows each JSON example exactly as its command prints it (npm run readme:examples regenerates them)", () => {
    const found = examples(readme);
    expect(found.length).toBeGreaterThan(0);
    for (const ex of found) {
      const r = runCommand(ex.command, CONFIG_VARIABLES);
      expect(r.status).toBe(0);
      expect(
        ex.block.body,
        `README.md line ${ex.block.line} is not the output of \`${ex.command}\`: run npm run readme:examples`,
      ).toBe(r.stdout);
      for (const line of r.stdout.trim().split("\n")) JSON.parse(line);
    }
  });

  it("notices a drifted example (the comparison is live) and regenerates the real one", () => {
    const [ex] = examples(readme);
    if (!ex) throw new Error("no example");
    const drifted =
      readme.slice(0, ex.block.start) +
      ex.block.body.replace(/"confidence":[\d.]+/, '"confidence":0.93') +
      readme.slice(ex.block.end);
    expect(drifted).not.toBe(readme);
    expect(regenerate(drifted, CONFIG_VARIABLES)).toBe(readme);
  });

  it("names only npm scripts that exist", () => {
    const named = new Set([...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string));
    expect(named.size).toBeGreaterThan(5);
    for (const s of named) expect(Object.keys(pkg.scripts), `npm run ${s}`).toContain(s);
  });

  it("documents every srm-bot command of the CLI's help", async () => {
    const { USAGE } = await import("../../src/cli/usage.js");
    const commands = [...USAGE.matchAll(/^ {2}srm-bot ([a-z]+(?: (?:check|coverage|post))?)/gm)].map(
      (m) => m[1],
    );
    expect(commands).toEqual(
      expect.arrayContaining(["ask", "chat", "explain", "data check", "data coverage", "quiz post", "help"]),
    );
    for (const c of commands) expect(readme, `srm-bot ${c}`).toContain(`srm-bot ${c}`);
  });

  it("names only environment variables something reads", () => {
    const sources = [join(projectRoot, ".ci", "run")];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs)$/.test(name) && !p.endsWith("readme.test.ts")) sources.push(p);
      }
    };
    for (const d of ["src", "scripts", "bench", "test"]) walk(join(projectRoot, d));
    const code = sources.map((f) => readFileSync(f, "utf8")).join("\n");
    const named = new Set(
      [...readme.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT|HOST)(?:=[^`]*)?`/g)].map((m) => m[1] as string),
    );
    expect(named.size).toBeGreaterThan(10);
    for (const v of named)
      expect(CONFIG_VARIABLES.includes(v) || new RegExp(`\\b${v}\\b`).test(code), v).toBe(true);
    expect(readme).toContain("`TEST_DATABASE_URL`");
  });

  it("states the Node.js versions package.json's engines allows", () => {
    const m = /^>=(\S+) <(\S+)$/.exec(pkg.engines.node);
    expect(m, pkg.engines.node).not.toBeNull();
    expect(readme).toContain(`Node.js ${m?.[1]} or newer, below ${m?.[2]}`);
    expect(readme).toContain(`\`${pkg.engines.node}\``);
  });

  it("draws the diagram with every line joined: each branch meets the one above, below and beside it", () => {
    // Which sides each box-drawing character reaches: up, down, left, right.
    const reach: Record<string, string> = {
      "─": "lr",
      "│": "ud",
      "┌": "dr",
      "┐": "dl",
      "└": "ur",
      "┘": "ul",
      "├": "udr",
      "┤": "udl",
      "┬": "dlr",
      "┴": "ulr",
      "┼": "udlr",
      "►": "l",
    };
    const diagrams = blocks.filter((b) => b.lang === "text");
    expect(diagrams.length).toBeGreaterThan(0);
    for (const d of diagrams) {
      const rows = d.body.split("\n").map((l) => [...l]);
      const at = (r: number, c: number) => reach[rows[r]?.[c] ?? " "] ?? "";
      const broken: string[] = [];
      for (const [r, row] of rows.entries())
        for (const [c, ch] of row.entries()) {
          const sides = reach[ch];
          if (!sides) continue;
          const where = `line ${d.line + 1 + r}, column ${c + 1} (${ch})`;
          if (sides.includes("u") && !at(r - 1, c).includes("d")) broken.push(`${where}: nothing above`);
          if (sides.includes("d") && !at(r + 1, c).includes("u")) broken.push(`${where}: nothing below`);
          // Left and right may end at a word ("render ─┼"), not at another line.
          const left = rows[r]?.[c - 1] ?? " ";
          const right = rows[r]?.[c + 1] ?? " ";
          if (sides.includes("l") && left === " " && (rows[r]?.[c - 2] ?? " ") === " ")
            broken.push(`${where}: nothing left`);
          if (sides.includes("r") && right === " ") broken.push(`${where}: nothing right`);
        }
      expect(broken).toEqual([]);
    }
  });

  it("points at files that exist", () => {
    const linked = [...readme.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)].map((m) => m[1] as string);
    expect(linked.length).toBeGreaterThan(3);
    for (const f of linked) expect(existsSync(join(projectRoot, f)), f).toBe(true);
  });
});
