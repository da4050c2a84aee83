// Starts the real server (`node dist/src/index.js`, built by `npm test`) as a child process in a temp folder,
// on a port the OS picks (PORT=0), and reads its JSON log lines. Nothing here waits on a clock: every wait is
// for a log line, a response or the process exit.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../src/knowledge/paths.js";

export const SERVER_ENTRY = join(projectRoot, "dist", "src", "index.js");

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface RunningServer {
  proc: ChildProcess;
  port: number;
  url: string;
  dir: string;
  /** Everything written so far, both streams. */
  output(): string;
  logs(): LogLine[];
  /** Resolves with the first log line (already seen or future) that matches. */
  waitForLog(match: (l: LogLine) => boolean, what?: string): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, wait for exit, remove the temp folder. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only what node needs: a developer's own SLACK_* or DATABASE_URL must not leak into a test.
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    LOG_FORMAT: "json",
    ...extra,
  };
}

/** Runs the server until it exits by itself (bad config): for start-up failure tests. */
export function runToExit(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<Finished> {
  const dir = mkdtempSync(join(tmpdir(), "srm-bot-cfg-"));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER_ENTRY], { cwd: dir, env: baseEnv({ PORT: "0", ...env }) });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    proc.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // A server that wrongly starts would run forever: the test's own timeout is the backstop, this the cleanup.
    const guard = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 20_000);
    proc.on("error", reject);
    proc.on("exit", (code) => {
      clearTimeout(guard);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "srm-bot-srv-"));
  const proc = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: dir,
    env: baseEnv({ PORT: "0", HOST: "127.0.0.1", QUIZ_ENABLED: "false", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let pending = "";
  const lines: LogLine[] = [];
  const watchers: Array<{ match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }> = [];
  const onLine = (raw: string) => {
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...watchers])
      if (w.match(line)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
  };
  proc.stdout?.on("data", (d: Buffer) => {
    const s = d.toString();
    out += s;
    pending += s;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const p of parts) if (p.trim()) onLine(p);
  });
  proc.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on("exit", (code, signal) => resolve({ code, signal }));
  });

  const waitForLog = (match: (l: LogLine) => boolean, what = "log line") => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      watchers.push({ match, resolve });
      void exited.then(({ code }) => reject(new Error(`server exited (${code}) before ${what}:\n${out}`)));
    });
  };

  const ready = await waitForLog(
    (l) => typeof l.port === "number" && /srm-bot is running/.test(l.msg),
    "start-up",
  );
  const port = ready.port as number;
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    output: () => out,
    logs: () => lines,
    waitForLog,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      const result = await exited;
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
