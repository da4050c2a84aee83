import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";
import { CONTRACT_KEYS } from "../contract-keys.js";

// The real CLI, as a user runs it (npm test builds dist/ first).
const bin = join(projectRoot, "bin", "srm-bot.js");
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", cwd: "/" });

describe("srm-bot ask", () => {
  it("prints a readable answer with owner, rationale, what the other party owns and source", () => {
    const r = run(["ask", "who handles RDS patching?"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^\[AWS\] /);
    expect(r.stdout).toMatch(/What you still own:/);
    expect(r.stdout).toMatch(/Source: .*\(reviewed \d{4}-\d{2}-\d{2}\)/);
    expect(r.stdout).toMatch(/RDS Custom/);
  });

  it("prints one JSON object with exactly the contract's keys", () => {
    const r = run(["ask", "--json", "who handles RDS patching?"]);
    expect(r.status).toBe(0);
    const obj = JSON.parse(r.stdout);
    expect(Object.keys(obj)).toEqual(CONTRACT_KEYS);
    expect(obj).toMatchObject({
      question: "who handles RDS patching?",
      intent: "who_owns",
      owner: "aws",
      service: "rds",
      model: "paas",
    });
    expect(typeof obj.confidence).toBe("number");
    expect(Array.isArray(obj.suggestions)).toBe(true);
  });

  it("answers one JSON line per stdin line, in order, including blank and hostile lines", () => {
    const lines = [
      "who handles rds patching",
      "",
      "what's the weather in paris",
      "<!channel> who patches the ec2 guest os",
      "x".repeat(10_000),
      "🙂🙂🙂",
      "\u0000\u0007\u001b[31m",
      "what am i responsible for with lambda",
    ];
    const r = run(["ask", "--json"], `${lines.join("\n")}\n`);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.question)).toEqual(lines);
    expect(out.map((o) => o.intent)).toEqual([
      "who_owns",
      "fallback",
      "fallback",
      "who_owns",
      "fallback",
      "fallback",
      "fallback",
      "service_overview",
    ]);
    for (const o of out) expect(Object.keys(o)).toEqual(CONTRACT_KEYS);
  });

  it("streams: answers a line before stdin closes", async () => {
    const child = spawn(process.execPath, [bin, "ask", "--json"], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.write("who patches the hypervisor\n");
    const first = await new Promise<string>((resolve) =>
      child.stdout.once("data", (d) => resolve(String(d))),
    );
    expect(JSON.parse(first.split("\n")[0] as string).owner).toBe("aws");
    child.stdin.end();
    await new Promise((r) => child.once("close", r));
  });

  it("explains usage for a missing question and unknown commands, exit 2, no stack trace", () => {
    const a = run(["ask"]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/Ask a question/);
    const b = run(["frobnicate"]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/Unknown command: frobnicate/);
    expect(b.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe("srm-bot chat", () => {
  it("answers each line typed and leaves on exit", () => {
    const r = run(["chat"], "who patches the hypervisor\nexit\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[AWS\]/);
  });
});

describe("srm-bot data check", () => {
  it("reports the knowledge base as valid", () => {
    const r = run(["data", "check"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Knowledge base is valid: \d+ entries/);
  });
});

describe("invalid knowledge", () => {
  it("refuses to answer with one clear message naming file, entry and field — no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-cli-"));
    try {
      cpSync(join(projectRoot, "data"), join(dir, "data"), { recursive: true });
      const file = join(dir, "data", "entries", "general.json");
      const entries = JSON.parse(readFileSync(file, "utf8"));
      entries[0].owner = "nobody";
      writeFileSync(file, JSON.stringify(entries));
      const r = spawnSync(process.execPath, [bin, "ask", "--data", join(dir, "data"), "who patches rds"], {
        encoding: "utf8",
        cwd: dir,
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`data/entries/general.json, entry "${entries[0].id}", field "owner"`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const check = spawnSync(process.execPath, [bin, "data", "check", "--data", join(dir, "data")], {
        encoding: "utf8",
        cwd: dir,
      });
      expect(check.status).toBe(1);
      expect(check.stderr).toBe(r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the validated-knowledge snapshot", () => {
  it("is not used once a knowledge file changes: the answer follows the edited data", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-snap-"));
    try {
      cpSync(join(projectRoot, "data"), join(dir, "data"), { recursive: true });
      const file = join(dir, "data", "entries", "data.json");
      const entries = JSON.parse(readFileSync(file, "utf8"));
      const rds = entries.find((e: { id: string }) => e.id === "rds-os-patching");
      rds.statement = "Patching the operating system under Amazon RDS (edited)";
      writeFileSync(file, JSON.stringify(entries));
      const r = spawnSync(
        process.execPath,
        [bin, "ask", "--data", join(dir, "data"), "who patches the os on rds?"],
        {
          encoding: "utf8",
        },
      );
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("(edited)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("srm-bot explain", () => {
  it("shows a person the reading, ranked candidates with scores, threshold, ruling, rule and answer", () => {
    const r = run(["explain", "who pathces the hypervisor"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(run(["explain", "--json", "who pathces the hypervisor"]).stdout);
    // The same facts as the machine form, laid out for reading.
    expect(r.stdout).toContain(`words      ${json.reading.words.join(" ")}`);
    expect(r.stdout).toContain(`an entry answers from a score of ${json.threshold}`);
    for (const c of json.candidates)
      expect(r.stdout).toMatch(new RegExp(`${c.score.toFixed(3)}\\s+${c.entry}\\s`));
    expect(r.stdout).toMatch(new RegExp(`${json.answer.entry}.*← the answer`));
    expect(r.stdout).toMatch(new RegExp(`^Rule\\s+${json.rule}`, "m"));
    expect(r.stdout).toContain(json.answer.headline);
    expect(r.stdout).toMatch(/^Responsibility model\n {2}virtualization .*: AWS/m);
    expect(r.stdout).not.toMatch(/^\s*[{[]/m);
  });

  it("--json is the engine's explanation, and its answer is what ask --json answers", () => {
    const q = "who handles RDS patching?";
    const x = JSON.parse(run(["explain", "--json", q]).stdout);
    expect(Object.keys(x)).toEqual(["reading", "candidates", "ruling", "threshold", "rule", "answer"]);
    const ask = JSON.parse(run(["ask", "--json", q]).stdout);
    expect({ entry: x.answer.entry, owner: x.answer.owner, confidence: x.answer.confidence }).toEqual({
      entry: ask.entry,
      owner: ask.owner,
      confidence: ask.confidence,
    });
  });

  it("says a command is answered as a command, as ask does", () => {
    const r = run(["explain", "service lambda"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/is the service command/);
    expect(r.stdout).toMatch(/AWS Lambda/);
  });
});

describe("--help", () => {
  it.each([
    [["--help"], /^srm-bot — /],
    [["help"], /^srm-bot — /],
    [["ask", "--help"], /srm-bot ask --json "<question>"/],
    [["ask", "--json", "-h"], /srm-bot ask --json "<question>"/],
    [["explain", "--help"], /srm-bot explain --json/],
    [["explain", "who patches rds", "--help"], /srm-bot explain --json/],
    [["chat", "--help"], /srm-bot chat/],
    [["data", "--help"], /srm-bot data check/],
    [["data", "check", "--help"], /srm-bot data check/],
    [["data", "coverage", "--help"], /srm-bot data coverage/],
    [["quiz", "--help"], /srm-bot quiz post --channel/],
    [["quiz", "post", "--help"], /srm-bot quiz post --channel/],
  ])("srm-bot %j prints its usage, exit 0", (args, usage) => {
    const r = run(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(usage);
    expect(r.stderr).toBe("");
  });

  it("a mistyped option is refused, not read as part of the question", () => {
    const r = run(["ask", "--jsn", "who patches rds"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Unknown option: --jsn/);
    const dashed = run(["ask", "--json", "--", "-who patches rds"]);
    expect(JSON.parse(dashed.stdout).question).toBe("-who patches rds");
  });
});
