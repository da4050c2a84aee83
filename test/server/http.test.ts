import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRAIN_LIMIT_BYTES } from "../../src/server/body-limit.js";
import { type RunningServer, startServer } from "./run-server.js";

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop();
});

const MB = 1024 * 1024;

/** A body sent in chunks with no Content-Length, so only a streaming limit can catch it. */
function postChunked(
  path: string,
  size: number,
  contentType: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${s.url}${path}`,
      { method: "POST", headers: { "content-type": contentType, "transfer-encoding": "chunked" } },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => {
          body += d.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer 413 and close before the whole body is sent: that is the point.
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || err.code === "ECONNRESET") return;
      reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe("HTTP edges: 404, 413, 400 as JSON, never a 500", () => {
  it.each([
    ["GET", "/nope"],
    ["POST", "/api/nothing-here"],
    ["GET", "/slack/events"],
    ["DELETE", "/"],
  ])("%s %s → 404 JSON", async (method, path) => {
    const res = await fetch(`${s.url}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });

  it.each(["/playground/api/ask", "/api/messages", "/slack/events"])(
    "a body over 1 MB with its length declared → 413 (%s)",
    async (path) => {
      const res = await fetch(`${s.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "x".repeat(MB + 10) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: "payload_too_large" });
    },
  );

  it("over-limit bodies sent at once all read their 413: the rest is drained, not reset", async () => {
    const paths = ["/playground/api/ask", "/playground/api/action", "/api/messages", "/slack/events"];
    const body = JSON.stringify({ text: "x".repeat(2 * MB) });
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        fetch(`${s.url}${paths[i % paths.length]}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(16).fill(413));
  });

  it("a declared body past the drain limit is refused and its connection closed; the server carries on", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${s.url}/playground/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(DRAIN_LIMIT_BYTES + MB) },
      });
      req.on("response", (res) => {
        resolve(`${res.statusCode} ${res.headers.connection}`);
        res.resume();
      });
      req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
      req.write(Buffer.alloc(64 * 1024, "a"));
    });
    expect(outcome).toBe("413 close");
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it.each([
    ["/playground/api/ask", "application/json"],
    ["/api/messages", "application/json"],
    ["/slack/events", "application/x-www-form-urlencoded"],
  ])("a chunked body over 1 MB → 413 (%s)", async (path, type) => {
    const r = await postChunked(path, MB + 128 * 1024, type);
    expect(r.status).toBe(413);
  });

  it("a body just under 1 MB is accepted and answered", async () => {
    const res = await fetch(`${s.url}/playground/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "who patches rds", padding: "x".repeat(MB - 200) }),
    });
    // Read, size-checked, then refused by the schema: a 400, not a 413 or a 500.
    expect(res.status).toBe(400);
  });

  it.each([
    ["/playground/api/ask", '{"text": "who patches'],
    ["/playground/api/action", "{not json"],
    ["/api/messages", '{"type":'],
  ])("malformed JSON → 400 (%s)", async (path, body) => {
    const res = await fetch(`${s.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it.each<[string, string, unknown]>([
    ["ask without text", "/playground/api/ask", {}],
    ["ask with text of the wrong type", "/playground/api/ask", { text: 42 }],
    ["ask with an unknown field", "/playground/api/ask", { text: "hi", admin: true }],
    ["ask with a question over 2000 characters", "/playground/api/ask", { text: "q".repeat(2001) }],
    ["ask with a forged user id", "/playground/api/ask", { text: "hi", user: "../../etc" }],
    [
      "an action that is not a card action",
      "/playground/api/action",
      { action: { a: "subscribe_everyone" } },
    ],
    ["an action that is a string of garbage", "/playground/api/action", { action: "{{{" }],
    [
      "a quiz answer with a bad choice",
      "/playground/api/action",
      { action: { a: "quiz_answer", quiz: "q", choice: "me" } },
    ],
    ["a JSON array", "/playground/api/ask", [1, 2, 3]],
  ])("invalid playground request (%s) → 400 with a message", async (_name, path, body) => {
    const res = await fetch(`${s.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.message.length).toBeGreaterThan(0);
  });

  it("a playground request that is not JSON → 415", async () => {
    const res = await fetch(`${s.url}/playground/api/ask`, { method: "POST", body: "text=who+patches+rds" });
    expect(res.status).toBe(415);
  });

  it("echoes a request id and logs the request under it", async () => {
    const res = await fetch(`${s.url}/healthz`, { headers: { "x-request-id": "test-req-42" } });
    expect(res.headers.get("x-request-id")).toBe("test-req-42");
    const fresh = await fetch(`${s.url}/nope`);
    const id = fresh.headers.get("x-request-id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await s.waitForLog((l) => l.reqId === id && l.msg === "request", "request log line");
    expect(line).toMatchObject({ method: "GET", path: "/nope", status: 404 });
    expect(typeof line.ms).toBe("number");
  });

  it("logs every answered request once at info, with the path as the client sent it", async () => {
    const res = await fetch(`${s.url}/playground/api/ask?utm=x`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "ask-path-1" },
      body: JSON.stringify({ text: "who patches rds" }),
    });
    expect(res.status).toBe(200);
    const line = await s.waitForLog(
      (l) => l.reqId === "ask-path-1" && l.msg === "request",
      "request log line",
    );
    expect(line).toMatchObject({ level: "info", method: "POST", path: "/playground/api/ask", status: 200 });
    expect(s.logs().filter((l) => l.reqId === "ask-path-1" && l.msg === "request")).toHaveLength(1);
  });

  it("no request above produced a 500 or an error-level log", () => {
    const errors = s.logs().filter((l) => l.level === "error" || l.level === "fatal" || l.status === 500);
    expect(errors).toEqual([]);
  });
});
