import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";
import { openStore } from "../../src/store/index.js";
import { silentLogger } from "./backends.js";

const builtStore = join(projectRoot, "dist", "src", "store", "index.js");
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "srm-store-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("SQLite file store", () => {
  it("creates the folder and uses WAL (synchronous is per connection: set in create.ts)", async () => {
    const path = join(tempDir(), "nested", "deeper", "bot.db");
    const store = await openStore({ sqlitePath: path, logger: silentLogger });
    await store.close();
    expect(existsSync(path)).toBe(true);
    const raw = new BetterSqlite(path, { readonly: true });
    try {
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      const tables = raw
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining([
          "quiz_answers",
          "quiz_scores",
          "quiz_slots",
          "quizzes",
          "feedback",
          "conversation_refs",
        ]),
      );
    } finally {
      raw.close();
    }
  });

  it("keeps data across reopen, and migrating twice is harmless", async () => {
    const path = join(tempDir(), "bot.db");
    const a = await openStore({ sqlitePath: path, logger: silentLogger });
    expect(await a.ping()).toBe(true);
    await a.recordUnanswered("slack", "who owns the moon");
    await a.close();
    const b = await openStore({ sqlitePath: path, logger: silentLogger });
    expect(await b.topUnanswered("slack", 5)).toEqual([{ question: "who owns the moon", count: 1 }]);
    await b.close();
  });

  // Runs the built store in a child (npm test builds dist/ first).
  it.skipIf(!existsSync(builtStore))(
    "keeps a committed answer when the process is killed with SIGKILL",
    async () => {
      const path = join(tempDir(), "bot.db");
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, "fixtures", "answer-then-wait.mjs"), builtStore, path],
        {
          stdio: ["ignore", "pipe", "pipe"],
          cwd: projectRoot,
        },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.on("exit", (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
      });
      expect(line).toBe("recorded");
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;

      const store = await openStore({ sqlitePath: path, logger: silentLogger });
      try {
        expect(await store.quizResults("durable-quiz")).toEqual({ answered: 1, correctCount: 1 });
        expect((await store.userStats("slack", "U1"))?.points).toBe(10);
      } finally {
        await store.close();
      }
    },
  );
});
