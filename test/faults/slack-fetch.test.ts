// The HTTP client every Slack call now goes through (src/slack/fetch.ts): what the Slack SDKs rely on from
// fetch, and how it fails — the same way the built-in fetch does, so the WebClient's retries still apply.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_TIMEOUT_MS, slackFetch } from "../../src/slack/fetch.js";

let server: Server;
let url = "";
const seen: Array<{ method: string; headers: IncomingMessage["headers"]; body: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", headers: req.headers, body });
      switch (req.url) {
        case "/gzip":
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          res.end(gzipSync(JSON.stringify({ ok: true, zipped: "yes" })));
          return;
        case "/redirect":
          res.writeHead(302, { location: "/json" });
          res.end();
          return;
        case "/empty":
          res.writeHead(204);
          res.end();
          return;
        case "/slow":
          return; // never answers
        default:
          res.writeHead(200, {
            "content-type": "application/json",
            "x-oauth-scopes": "chat:write, commands",
          });
          res.end(JSON.stringify({ ok: true, echo: body }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("slackFetch", () => {
  it("posts the body with its length and content type, and reads status, headers, url and JSON back", async () => {
    const res = await slackFetch(`${url}/json`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Bearer xoxb-1" },
      body: "text=%E2%9C%93+caf%C3%A9",
    });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${url}/json`);
    expect(res.headers.get("x-oauth-scopes")).toBe("chat:write, commands");
    expect(await res.json()).toEqual({ ok: true, echo: "text=%E2%9C%93+caf%C3%A9" });
    const last = seen.at(-1);
    expect(last?.headers["content-length"]).toBe(String(Buffer.byteLength("text=%E2%9C%93+caf%C3%A9")));
    expect(last?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(last?.headers.authorization).toBe("Bearer xoxb-1");
  });

  it("counts multi-byte text in bytes, and reads a body only once", async () => {
    const body = JSON.stringify({ text: "✓ 🤖 Grüße" });
    const res = await slackFetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(seen.at(-1)?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(JSON.parse(await res.text()).echo).toBe(body);
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it("decodes a compressed answer", async () => {
    const res = await slackFetch(`${url}/gzip`, { method: "POST", body: "" });
    expect(await res.json()).toEqual({ ok: true, zipped: "yes" });
  });

  it("a 204 has no body; arrayBuffer and the stream of a body work", async () => {
    const empty = await slackFetch(`${url}/empty`, { method: "POST", body: "x" });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    const res = await slackFetch(`${url}/json`, { method: "POST", body: "abc" });
    const copy = res.clone();
    expect(new TextDecoder().decode(await res.arrayBuffer())).toContain("abc");
    expect(await new Response(copy.body).text()).toContain("abc");
  });

  it("refuses a redirect when told to, follows it otherwise", async () => {
    await expect(
      slackFetch(`${url}/redirect`, { method: "POST", body: "a", redirect: "error" }),
    ).rejects.toThrow(/fetch failed/);
    const followed = await slackFetch(`${url}/redirect`, { method: "POST", body: "a" });
    expect(followed.status).toBe(200);
  });

  it("gives up when the signal aborts (the WebClient's timeout), with the signal's reason", async () => {
    const t0 = Date.now();
    const err = await slackFetch(`${url}/slow`, {
      method: "POST",
      body: "a",
      signal: AbortSignal.timeout(200),
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("TimeoutError");
    expect(Date.now() - t0).toBeLessThan(5_000);
    const aborted = AbortSignal.abort(new Error("stop"));
    await expect(slackFetch(`${url}/json`, { method: "POST", body: "a", signal: aborted })).rejects.toThrow(
      "stop",
    );
  });

  it("without a signal (Bolt's respond()), a post that never answers is given up after DEFAULT_TIMEOUT_MS", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const pending = slackFetch(`${url}/slow`, { method: "POST", body: "a" }).catch((e: unknown) => e);
      // The request reaches the server before the clock moves (vi.waitFor would move the fake clock).
      const before = seen.length;
      while (seen.length === before) await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      let settled = false;
      void pending.then(() => {
        settled = true;
      });
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const err = (await pending) as Error;
      expect(err.name).toBe("TimeoutError");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a refused connection fails like the built-in fetch: TypeError 'fetch failed' with the cause", async () => {
    const err = (await slackFetch("http://127.0.0.1:1/api/auth.test", { method: "POST", body: "" }).catch(
      (e: unknown) => e,
    )) as TypeError & { cause?: { code?: string } };
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe("fetch failed");
    expect(err.cause?.code).toBe("ECONNREFUSED");
  });

  it("leaves bodies it does not send itself to the built-in fetch", async () => {
    const form = new FormData();
    form.set("a", "b");
    const res = await slackFetch(`${url}/json`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { echo: string }).echo).toContain('name="a"');
  });
});
