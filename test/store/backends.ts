// Test helper: the same suites run against SQLite and PostgreSQL. PostgreSQL is used when
// TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test); each store gets its own
// schema so parallel test files never see each other's rows.
import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

export const silentLogger = pino({ level: "silent" });
export const pgUrl = process.env.TEST_DATABASE_URL;

export interface Backend {
  name: "sqlite" | "postgres";
  /** A fresh, migrated, empty store. */
  open(): Promise<Store>;
  /** A second store on the same database as the last `open()` (another replica). */
  openAnother(): Promise<Store>;
  /** Closes every store opened and drops what they created. */
  cleanup(): Promise<void>;
}

export function uniqueSchema(): string {
  return `srm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

export function sqliteBackend(): Backend {
  const opened: Store[] = [];
  let last: Store | undefined;
  return {
    name: "sqlite",
    async open() {
      last = await openStore({ sqlitePath: ":memory:", logger: silentLogger });
      opened.push(last);
      return last;
    },
    async openAnother() {
      // An in-memory database cannot be shared; the same handle stands in for a second replica.
      if (!last) throw new Error("open() first");
      return last;
    },
    async cleanup() {
      for (const s of opened.splice(0)) await s.close();
    },
  };
}

export function postgresBackend(url: string): Backend {
  const opened: Store[] = [];
  const schemas: string[] = [];
  return {
    name: "postgres",
    async open() {
      const schema = uniqueSchema();
      schemas.push(schema);
      const s = await openStore({ databaseUrl: url, schema, logger: silentLogger });
      opened.push(s);
      return s;
    },
    async openAnother() {
      const schema = schemas.at(-1);
      if (!schema) throw new Error("open() first");
      const s = await openStore({ databaseUrl: url, schema, logger: silentLogger });
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened.splice(0)) await s.close();
      await dropSchemas(url, schemas.splice(0));
    },
  };
}

export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await client.end();
  }
}

/** Both backends by name, for `describe.each`; skip "postgres" with `skipBackend(name)`. */
export const BACKENDS = ["sqlite", "postgres"] as const;
export type BackendName = (typeof BACKENDS)[number];

/** PostgreSQL suites are skipped only when TEST_DATABASE_URL is unset. */
export const skipBackend = (name: BackendName) => name === "postgres" && !pgUrl;

export function makeBackend(name: BackendName): Backend {
  if (name === "sqlite") return sqliteBackend();
  if (!pgUrl) throw new Error("TEST_DATABASE_URL is not set");
  return postgresBackend(pgUrl);
}
