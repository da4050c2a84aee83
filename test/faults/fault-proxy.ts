// A loopback HTTP proxy in front of a fake (Slack's Web API, response_url endpoints, the Bot Connector) that
// answers the next matching requests with scripted faults — an HTTP status with headers, or no answer at all —
// and forwards everything else. A request it fails never reaches the fake, so the fake's record holds only
// what was really delivered.

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answers: the client's own timeout has to give up on it. */
  | { hang: true };

export interface Attempt {
  method: string;
  path: string;
  body: string;
  /** ms since the proxy started. */
  at: number;
  outcome: "forwarded" | "hung" | number;
}

/** Which requests a fault applies to: a path pattern, or a test over the path and the body. */
export type Match = RegExp | ((req: { path: string; body: string }) => boolean);

export interface FaultProxy {
  url: string;
  attempts: Attempt[];
  /** The next matching requests get these faults, in order; then they are forwarded again. */
  script(match: Match, faults: Fault[]): void;
  /** Every matching request gets this fault until the returned function (or `clear`) is called. */
  always(match: Match, fault: Fault): () => void;
  clear(): void;
  attemptsTo(match: Match): Attempt[];
  close(): Promise<void>;
}

const test = (match: Match, req: { path: string; body: string }) =>
  typeof match === "function" ? match(req) : match.test(req.path);

export const status = (code: number, headers: Record<string, string> = {}, body?: string): Fault => ({
  status: code,
  headers: { "content-type": "application/json", ...headers },
  body: body ?? JSON.stringify({ ok: false, error: `injected_${code}` }),
});
export const hang: Fault = { hang: true };

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const t0 = Date.now();
  const attempts: Attempt[] = [];
  let scripts: Array<{ match: Match; faults: Fault[] }> = [];
  let standing: Array<{ match: Match; fault: Fault }> = [];
  const sockets = new Set<Socket>();

  const nextFault = (req: { path: string; body: string }): Fault | undefined => {
    const s = scripts.find((x) => x.faults.length > 0 && test(x.match, req));
    if (s) return s.faults.shift();
    return standing.find((x) => test(x.match, req))?.fault;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const upstream = request(
      `${target}${req.url ?? "/"}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const raw = Buffer.concat(chunks);
      const body = raw.toString("utf8");
      const fault = nextFault({ path, body });
      const attempt: Attempt = {
        method: req.method ?? "GET",
        path,
        body,
        at: Date.now() - t0,
        outcome: fault ? ("hang" in fault ? "hung" : fault.status) : "forwarded",
      };
      attempts.push(attempt);
      if (!fault) return forward(req, res, raw);
      if ("hang" in fault) return; // the socket stays open until the client gives up (or close())
      res.writeHead(fault.status, fault.headers ?? {});
      res.end(fault.body ?? "");
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    attempts,
    script(match, faults) {
      scripts.push({ match, faults: [...faults] });
    },
    always(match, fault) {
      const rule = { match, fault };
      standing.push(rule);
      return () => {
        standing = standing.filter((r) => r !== rule);
      };
    },
    clear() {
      scripts = [];
      standing = [];
    },
    attemptsTo: (match) => attempts.filter((a) => test(match, a)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
