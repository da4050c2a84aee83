// Runs once before the test files. The PostgreSQL tests need a server and say so in one line when they skip,
// rather than passing silently with a quarter of the store tests left out.
//
// With a server, the run gets a database of its own, created here and dropped at the end: tests that
// start the real server migrate it, and a database shared with another checkout (another branch's
// migrations, another run's rows) must never decide whether they pass.
import { randomBytes } from "node:crypto";
import pg from "pg";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    process.stdout.write(
      "PostgreSQL tests skipped: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test)\n",
    );
    return undefined;
  }
  const name = `srm_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  // The test files run in child processes started after this, which inherit the environment.
  process.env.TEST_DATABASE_URL = own.toString();
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
