import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, secretScrubber } from "../../src/server/logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      cb();
    },
  });
  return { lines, destination };
}

const SECRETS = ["xoxb-1111-2222-abcdef", 'signing"secret\\value', "teams pass/word+1"];

describe("logger", () => {
  it("writes one JSON object a line, with the level as a word", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", format: "json", destination });
    log.info({ a: 1 }, "hello");
    log.debug("hidden at info");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "info",
      msg: "hello",
      a: 1,
      service: "srm-bot",
    });
  });

  it.each([
    ["in the message", (log: ReturnType<typeof createLogger>, s: string) => log.info(`token is ${s}`)],
    [
      "in a nested field",
      (log: ReturnType<typeof createLogger>, s: string) => log.info({ deep: { x: [s] } }, "x"),
    ],
    [
      "in an error",
      (log: ReturnType<typeof createLogger>, s: string) => log.error({ err: new Error(`bad ${s}`) }, "x"),
    ],
    [
      "URL-encoded in a URL",
      (log: ReturnType<typeof createLogger>, s: string) =>
        log.warn({ url: `https://x/?t=${encodeURIComponent(s)}` }, "x"),
    ],
    [
      "in a child logger's bindings",
      (log: ReturnType<typeof createLogger>, s: string) => log.child({ s }).info("x"),
    ],
  ])("never writes a configured secret %s", (_where, write) => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "trace", format: "json", secrets: SECRETS, destination });
    for (const s of SECRETS) write(log, s);
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const s of SECRETS) {
      expect(all).not.toContain(s);
      expect(all).not.toContain(JSON.stringify(s).slice(1, -1));
      expect(all).not.toContain(encodeURIComponent(s));
    }
    expect(all).toContain(REDACTED);
    for (const l of lines) JSON.parse(l);
  });

  it("redacts authorization and cookie headers and credential-named keys whatever their value", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", format: "json", destination });
    log.info(
      {
        req: {
          headers: {
            authorization: "Bearer eyJhbGciOi.unknown",
            cookie: "sid=1",
            "x-slack-signature": "v0=abc",
          },
        },
        config: { botToken: "xoxb-not-configured", appPassword: "pw" },
      },
      "request",
    );
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line.req.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      "x-slack-signature": REDACTED,
    });
    expect(line.config).toEqual({ botToken: REDACTED, appPassword: REDACTED });
  });

  it("scrubs the longest secret first when one contains another", () => {
    const scrub = secretScrubber(["abcd", "abcdefgh"]);
    expect(scrub("x abcdefgh y abcd")).toBe(`x ${REDACTED} y ${REDACTED}`);
  });
});

describe("pretty logs (a terminal)", () => {
  const pretty = () => {
    const out: string[] = [];
    const log = createLogger({
      level: "info",
      format: "pretty",
      destination: { write: (s: string) => void out.push(s) },
    });
    return { out, log };
  };

  it("write a request as one line: method, path as received, status, ms, request id", () => {
    const { out, log } = pretty();
    log.info(
      { reqId: "req-1", method: "POST", path: "/playground/api/ask", status: 200, ms: 3.1 },
      "request",
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/playground\/api\/ask 200 3\.1 ms req-1\n$/,
    );
  });

  it("keep other events on one line with their fields, and never pass a client's control characters", () => {
    const { out, log } = pretty();
    log.info({ entries: 527 }, "knowledge loaded");
    log.info(
      { reqId: "r", method: "GET", path: "/x\u001b[31m", status: 404, ms: 1, aborted: true },
      "request",
    );
    expect(out[0]).toMatch(/INFO: knowledge loaded \{"entries":527\}\n$/);
    expect(out[1]).toMatch(/GET \/x\?\[31m 404 1 ms r \(aborted\)\n$/);
    expect(out.join("")).not.toContain("\u001b");
  });
});
