import { createConnection, createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { startServer } from "./run-server.js";

const pgUrl = process.env.TEST_DATABASE_URL;

interface Ready {
  status: string;
  failed: string[];
  checks: Record<string, { ok: boolean; detail: string }>;
}

describe("the server and its store", () => {
  it("starts with PostgreSQL down: not ready, but answers questions and stops cleanly", async () => {
    // Port 1 on loopback: nothing listens, so connections are refused at once.
    const s = await startServer({ DATABASE_URL: "postgres://srm:pw-not-logged@127.0.0.1:1/srm" });
    try {
      expect(s.logs().some((l) => l.level === "error" && /store unavailable/.test(l.msg))).toBe(true);
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as Ready;
      expect(body.failed).toEqual(["store"]);
      expect(body.checks.knowledge?.ok).toBe(true);

      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      const ask = await fetch(`${s.url}/playground/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "who patches the hypervisor?" }),
      });
      expect(ask.status).toBe(200);
      expect(((await ask.json()) as { replies: Array<{ kind: string }> }).replies[0]?.kind).toBe("answer");
      // The quiz needs the store: the person is told, not shown an error page.
      const quiz = await fetch(`${s.url}/playground/api/action`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: { a: "quiz_new" } }),
      });
      expect(quiz.status).toBe(200);
      expect(((await quiz.json()) as { replies: Array<{ kind: string }> }).replies[0]?.kind).toBe("notice");
    } finally {
      expect((await s.stop()).code).toBe(0);
    }
    expect(s.output()).not.toContain("pw-not-logged");
  });

  it.skipIf(!pgUrl)("runs on PostgreSQL from DATABASE_URL and reports it ready", async () => {
    const s = await startServer({ DATABASE_URL: pgUrl ?? "" });
    try {
      const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
      expect(banner?.msg).toMatch(/PostgreSQL at 127\.0\.0\.1:5432\/\w+/);
      const ready = await fetch(`${s.url}/readyz`);
      const body = (await ready.json()) as Ready;
      expect(ready.status).toBe(200);
      expect(body.checks.store).toEqual({ ok: true, detail: "postgres reachable" });
    } finally {
      expect((await s.stop()).code).toBe(0);
    }
  });

  it.skipIf(!pgUrl)(
    "PostgreSQL coming back after a failed start: ready again without a restart",
    async () => {
      const target = new URL(pgUrl ?? "");
      // A port with nothing on it yet; later a TCP relay to the real server opens there.
      const probe = createServer();
      await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
      const port = (probe.address() as { port: number }).port;
      await new Promise<void>((r) => probe.close(() => r()));

      const url = new URL(target.href);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      const s = await startServer({ DATABASE_URL: url.href });
      let relay: Server | undefined;
      try {
        await s.waitForLog((l) => /store unavailable/.test(l.msg), "store failure");
        expect((await fetch(`${s.url}/readyz`)).status).toBe(503);

        relay = createServer((client) => {
          const upstream = createConnection(Number(target.port || 5432), target.hostname);
          client.pipe(upstream).pipe(client);
          client.on("error", () => upstream.destroy());
          upstream.on("error", () => client.destroy());
        });
        await new Promise<void>((r) => relay?.listen(port, "127.0.0.1", r));
        await s.waitForLog((l) => /store is reachable again/.test(l.msg), "store recovery");
        const ready = await fetch(`${s.url}/readyz`);
        expect(ready.status).toBe(200);
      } finally {
        expect((await s.stop()).code).toBe(0);
        await new Promise<void>((r) => (relay ? relay.close(() => r()) : r()));
      }
    },
  );
});
