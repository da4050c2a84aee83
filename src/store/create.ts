import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  type SqliteDatabase as KyselySqlite,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import { BoundedMap } from "../shared/bounded-map.js";
import type { Database } from "./db.js";
import { kyselyStore } from "./kysely-store.js";
import { DEFAULT_SQLITE_PATH } from "./location.js";
import { migrations } from "./migrations.js";
import type { Store } from "./types.js";

export interface StoreOptions {
  /** postgres://… — when set, PostgreSQL is used and `sqlitePath` is ignored. */
  databaseUrl?: string;
  /** SQLite file (default `.data/srm-bot.db`, its folder is created); ":memory:" for tests. */
  sqlitePath?: string;
  /** PostgreSQL schema to keep the tables in (default "public"); tests use one per run. */
  schema?: string;
  /** Most connections in the PostgreSQL pool (default 10). */
  poolSize?: number;
  logger: Logger;
}

/**
 * Opens the store without touching the schema; call `migrate()` before use (or use `openStore`).
 * Nothing is logged about the URL: it may carry a password.
 */
export function createStore(opts: StoreOptions): Store {
  if (opts.databaseUrl) return createPostgresStore(opts.databaseUrl, opts);
  return createSqliteStore(opts.sqlitePath ?? DEFAULT_SQLITE_PATH, opts.logger);
}

/** createStore + migrate: what a server does at start. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  const store = createStore(opts);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

function createSqliteStore(path: string, logger: Logger): Store {
  if (path !== ":memory:" && !path.startsWith("file:")) mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL + synchronous=NORMAL: a committed answer is in the WAL file before the commit returns, so it survives
  // the process being killed (kill -9, a crash, an OOM kill). Only a power cut or an OS crash can lose the
  // last commits (never corrupt the file); PostgreSQL is the choice where that matters. FULL would fsync on
  // every commit, and better-sqlite3 runs on the one event loop: every answer would stop every request for
  // a disk flush (0.1 ms here, 1-10 ms on network disks); it cost a sixth of the answer rate in
  // npm run bench:http. busy_timeout lets a second process (the CLI) wait instead of failing.
  if (path !== ":memory:") database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const migrate = async () => {
    await runMigrations(db, "sqlite", undefined, logger);
  };
  return kyselyStore(db, "sqlite", migrate, logger);
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles the SQL on each prepare: under load
 * (npm run bench:http, quiz answers) that compiling was a tenth of the server's CPU. Queries are
 * parameterised, so there are few distinct texts; their compiled statements are kept (at most `max`).
 */
function withStatementCache(database: KyselySqlite, max = 256): KyselySqlite {
  const cache = new BoundedMap<string, ReturnType<KyselySqlite["prepare"]>>(max);
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sqlText) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

const CONNECT_TIMEOUT_MS = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function createPostgresStore(url: string, opts: StoreOptions): Store {
  const schema = opts.schema ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, opts.poolSize ?? 10),
    // A database that takes the TCP connection but never answers (a dropped route, a stuck host) must fail
    // a query, not hang it: without this a quiz click waited forever and the start-up migration was never
    // retried. Queries then fail fast and the person is told to try again later.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Every connection resolves our unqualified table names in our schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (err) => opts.logger.warn({ err: err.message }, "postgres pool connection error"));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const migrate = async () => {
    // Two replicas starting together: the advisory lock makes the second wait, then find nothing to do.
    // Held on its own connection so the migrations themselves can use the pool.
    const lockClient = await pool.connect();
    try {
      await lockClient.query("select pg_advisory_lock(hashtext($1))", [`srm-bot:migrate:${schema}`]);
      try {
        await lockClient.query(`create schema if not exists "${schema}"`);
        await runMigrations(db, "postgres", schema, opts.logger);
      } finally {
        await lockClient.query("select pg_advisory_unlock(hashtext($1))", [`srm-bot:migrate:${schema}`]);
      }
    } finally {
      lockClient.release();
    }
  };
  return kyselyStore(db, "postgres", migrate, opts.logger);
}

async function runMigrations(
  db: Kysely<Database>,
  kind: "sqlite" | "postgres",
  schema: string | undefined,
  logger: Logger,
): Promise<void> {
  const all = migrations(kind);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Success") logger.info({ migration: r.migrationName, db: kind }, "database migrated");
    else if (r.status === "Error") logger.error({ migration: r.migrationName, db: kind }, "migration failed");
  }
  if (error) throw new Error(`Database migration failed: ${(error as Error).message ?? String(error)}`);
  // Cheap check that the schema is usable before we report ready.
  await sql`select 1`.execute(db);
}
