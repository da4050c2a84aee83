// Runs the compiled server (`dist/src/index.js`) as a child process on loopback with a temp SQLite file, for
// the HTTP benchmark. Its log goes to a file, as a container runtime would take it, so reading the log never
// competes with the load generator for CPU.

import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../src/knowledge/paths.js";

export const SERVER_ENTRY = join(projectRoot, "dist", "src", "index.js");

export interface BenchServer {
  proc: ChildProcess;
  pid: number;
  url: string;
  dir: string;
  sqlitePath: string;
  logPath: string;
  /** VmRSS of the server process, in bytes. */
  rss(): number;
  /** CPU time the server process has used so far (all its threads), in ms. */
  cpuMs(): number;
  /** Log lines at warn or worse so far (each one is a finding). */
  problems(): string[];
  /** SIGTERM, wait for the exit; returns the exit code and the CPU profiles written, if profiling. */
  stop(): Promise<{ code: number | null; profiles: string[] }>;
}

export interface StartOptions {
  env: Record<string, string>;
  /** Writes a V8 CPU profile (node --cpu-prof) to the temp folder on exit. */
  profile?: boolean;
  /** Keeps the temp folder (log, database) after stop; with `profile` it is always kept. */
  keep?: boolean;
  /** Node flags for this server only (e.g. --heapsnapshot-signal=SIGUSR2). */
  extraArgs?: string[];
}

export function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (clock ticks are 1/100 s on Linux). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function startBenchServer(opts: StartOptions): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-"));
  const logPath = join(dir, "server.log");
  const sqlitePath = join(dir, "srm-bot.db");
  const out = openSync(logPath, "a");
  // BENCH_SERVER_ARGS: extra node flags for the server (e.g. --trace-gc; its output lands in server.log).
  const extra = [
    ...(process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean),
    ...(opts.extraArgs ?? []),
  ];
  const args = [...extra, ...(opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []), SERVER_ENTRY];
  const proc = spawn(process.execPath, args, {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      SQLITE_PATH: sqlitePath,
      // The benchmark drives the playground beside Slack, and thousands of requests a second from one
      // address: the per-client limits would measure themselves, not the server.
      PLAYGROUND: "true",
      RATE_LIMIT_PER_IP: "0",
      RATE_LIMIT_PLAYGROUND: "0",
      RATE_LIMIT_PER_USER: "0",
      // glibc's malloc arenas, passed through to test whether RSS growth is the allocator's (e.g. 2).
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      ...opts.env,
    },
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => {
    exitCode = c;
  });

  const log = () => readFileSync(logPath, "utf8");
  let port: number | undefined;
  for (let waited = 0; port === undefined; waited += 50) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) at start:\n${log()}`);
    if (waited > 30_000) throw new Error(`the server did not start within 30 s:\n${log()}`);
    for (const line of log().split("\n")) {
      if (!line.includes("srm-bot is running")) continue;
      port = (JSON.parse(line) as { port?: number }).port;
    }
    if (port === undefined) await sleep(50);
  }
  const pid = proc.pid as number;
  return {
    proc,
    pid,
    url: `http://127.0.0.1:${port}`,
    dir,
    sqlitePath,
    logPath,
    rss: () => readRss(pid),
    cpuMs: () => readCpuMs(pid),
    problems: () =>
      log()
        .split("\n")
        .filter((l) => /"level":"(warn|error|fatal)"/.test(l)),
    async stop() {
      if (exitCode === undefined) proc.kill("SIGTERM");
      const code = await exited;
      const profiles = readdirSync(dir)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => join(dir, f));
      // Profiles are the caller's to read: it removes the folder afterwards.
      if (!opts.keep && !opts.profile && !extra.length) rmSync(dir, { recursive: true, force: true });
      return { code, profiles };
    },
  };
}
