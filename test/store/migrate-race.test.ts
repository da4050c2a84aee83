import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { dropSchemas, pgUrl, silentLogger, uniqueSchema } from "./backends.js";

describe.skipIf(!pgUrl)("PostgreSQL migrations", () => {
  const schema = uniqueSchema();
  afterAll(async () => {
    if (pgUrl) await dropSchemas(pgUrl, [schema]);
  });

  it("lets several replicas start (and migrate) at once on an empty database", async () => {
    const url = pgUrl as string;
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        openStore({ databaseUrl: url, schema, logger: silentLogger, poolSize: 3 }),
      ),
    );
    try {
      for (const s of stores) expect(await s.ping()).toBe(true);
      await stores[0]?.recordUnanswered("slack", "one table for all");
      expect(await stores[3]?.topUnanswered("slack", 5)).toEqual([
        { question: "one table for all", count: 1 },
      ]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(() =>
      openStore({ databaseUrl: pgUrl as string, schema: 'x"; drop', logger: silentLogger }),
    ).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
