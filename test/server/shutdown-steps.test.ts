import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createInflight } from "../../src/server/inflight.js";
import { createShutdown } from "../../src/server/shutdown.js";

const silent = pino({ level: "silent" });

describe("createShutdown", () => {
  it("runs drain steps with the server close, then close steps in order, and resolves 0", async () => {
    const order: string[] = [];
    const server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const shutdown = createShutdown({
      logger: silent,
      timeoutMs: 5000,
      drain: () => [{ name: "scheduler", run: async () => void order.push("drain") }],
      close: () => [
        { name: "a", run: async () => void order.push("close a") },
        { name: "b", run: () => void order.push("close b") },
      ],
      exit: () => {},
    });
    shutdown.attach(server);
    expect(shutdown.isShuttingDown()).toBe(false);
    const code = await shutdown.begin("test");
    expect(code).toBe(0);
    expect(shutdown.isShuttingDown()).toBe(true);
    expect(order).toEqual(["drain", "close a", "close b"]);
    expect(server.listening).toBe(false);
    // Idempotent: a second begin is the same shutdown.
    expect(await shutdown.begin("again")).toBe(0);
  });

  it("a request that never finishes: connections are cut at the deadline, the store still closes, exit code 1", async () => {
    const server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const started = new Promise<void>((resolve) => server.once("request", () => resolve()));
    const failed = new Promise<string>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/slow" });
      req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
      req.end();
    });
    await started;
    let closed = false;
    const shutdown = createShutdown({
      logger: silent,
      timeoutMs: 300,
      drain: () => [],
      close: () => [
        {
          name: "store",
          run: () => {
            closed = true;
          },
        },
      ],
      exit: () => {},
    });
    shutdown.attach(server);
    expect(await shutdown.begin("test")).toBe(1);
    expect(closed).toBe(true);
    expect(await failed).toBe("ECONNRESET");
  });

  it("a failing step is logged and makes the exit code 1, the other steps still run", async () => {
    const ran: string[] = [];
    const shutdown = createShutdown({
      logger: silent,
      timeoutMs: 2000,
      drain: () => [{ name: "broken", run: () => Promise.reject(new Error("boom")) }],
      close: () => [{ name: "store", run: () => void ran.push("store") }],
      exit: () => {},
    });
    expect(await shutdown.begin("test")).toBe(1);
    expect(ran).toEqual(["store"]);
  });
});

describe("createInflight", () => {
  it("idle() waits for every tracked promise, fulfilled or rejected", async () => {
    const inflight = createInflight();
    await inflight.idle();
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => {
      release = r;
    });
    void inflight.track(slow);
    void inflight.track(Promise.reject(new Error("x"))).catch(() => {});
    expect(inflight.size).toBeGreaterThanOrEqual(1);
    let idle = false;
    const waiting = inflight.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(idle).toBe(true);
    expect(inflight.size).toBe(0);
  });
});
