import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startServer } from "./run-server.js";

describe("graceful shutdown", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("%s when idle: exits 0 and says it stopped", async (signal) => {
    const s = await startServer();
    s.proc.kill(signal);
    const { code } = await s.exited;
    expect(code).toBe(0);
    expect(s.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(["stopped"]));
    expect(s.logs().find((l) => l.msg === "stopped")?.exitCode).toBe(0);
    await s.stop();
  });

  it("SIGTERM while a request is in flight: the request completes, then the process exits 0", async () => {
    const s = await startServer({ LOG_LEVEL: "debug" });
    const body = JSON.stringify({ text: "who handles RDS patching?" });
    const half = Math.floor(body.length / 2);

    // Send the headers and half the body, so the request is open on the server when the signal arrives.
    let resolveResponse: (r: { status: number; body: string; connection?: string }) => void = () => {};
    const response = new Promise<{ status: number; body: string; connection?: string }>((r) => {
      resolveResponse = r;
    });
    const req = request(
      `${s.url}/playground/api/ask`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "x-request-id": "in-flight-1",
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => {
          text += d.toString();
        });
        res.on("end", () => {
          const connection = res.headers.connection;
          resolveResponse({ status: res.statusCode ?? 0, body: text, ...(connection ? { connection } : {}) });
        });
      },
    );
    req.write(body.slice(0, half));
    await s.waitForLog((l) => l.reqId === "in-flight-1" && l.msg === "request received", "request start");

    s.proc.kill("SIGTERM");
    await s.waitForLog((l) => /shutting down/.test(l.msg), "shutdown start");
    // The listener is closed: a new connection is refused while the open request is still being served.
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();

    req.end(body.slice(half));
    const res = await response;
    expect(res.status).toBe(200);
    const json = JSON.parse(res.body) as { replies: Array<{ kind: string; card: { fallbackText: string } }> };
    expect(json.replies[0]?.kind).toBe("answer");
    expect(json.replies[0]?.card.fallbackText).toMatch(/^\[AWS\]/);

    const { code } = await s.exited;
    expect(code).toBe(0);
    const stopped = s.logs().find((l) => l.msg === "stopped");
    expect(stopped?.exitCode).toBe(0);
    // Well inside a 10 s termination grace period.
    expect(stopped?.ms as number).toBeLessThan(10_000);
    await s.stop();
  });
});
