// The HTTP client for Slack's Web API and response_url posts (given to Bolt and the WebClient as `fetch`).
// Node's built-in fetch runs every call through web streams: under load (npm run bench:http) it cost about
// 0.3 ms of CPU per call, the largest single item on the slash-command path. This sends the same POST over
// node:http(s) with keep-alive agents for a fraction of that and answers with a Response-compatible object.
// Whatever it does not handle the same way (a body that is not text or bytes, a redirect to follow) goes to
// the built-in fetch. Tested in test/faults/slack-fetch.test.ts.

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

// Idle sockets are closed after 4 s (undici's default), before a server or balancer drops them under us.
const agentOptions = { keepAlive: true, timeout: 4_000 };
const httpAgent = new HttpAgent(agentOptions);
const httpsAgent = new HttpsAgent(agentOptions);

/** For calls made without an abort signal. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Statuses whose Response must have no body. */
const NULL_BODY = new Set([204, 205, 304]);

/** The body as text or bytes (sent as they are), or undefined for what the built-in fetch should handle. */
function bodyOf(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return "";
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

/** Lower-cased header names; a plain object (what the Slack SDKs pass) without building a Headers first. */
function headersOf(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init && !(init instanceof Headers) && !Array.isArray(init)) {
    for (const [key, value] of Object.entries(init))
      if (value !== undefined) out[key.toLowerCase()] = String(value);
    return out;
  }
  new Headers(init).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(raw);
    case "deflate":
      return inflateSync(raw);
    case "br":
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}

function toHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

export async function slackFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const body = bodyOf(init.body);
  if (body === undefined || input instanceof Request) return fetch(input, init);
  const url = new URL(input);
  const secure = url.protocol === "https:";
  if (!secure && url.protocol !== "http:") return fetch(input, init);
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();

  const method = (init.method ?? "GET").toUpperCase();
  const headers = headersOf(init.headers);
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  if (length > 0 || !["GET", "HEAD"].includes(method)) headers["content-length"] = String(length);

  const { status, statusText, responseHeaders, raw } = await new Promise<{
    status: number;
    statusText: string;
    responseHeaders: Headers;
    raw: Buffer;
  }>((resolve, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { method, headers, agent: secure ? httpsAgent : httpAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        settle();
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          responseHeaders: toHeaders(res),
          raw: Buffer.concat(chunks),
        });
      });
    });
    const abort = (reason: unknown) => {
      settle();
      req.destroy();
      reject(reason);
    };
    const onAbort = () => abort(signal?.reason);
    // Bolt's respond() (response_url) passes no signal; the built-in fetch would give up after 300 s of
    // silence, this after 30 s: a post that never answers must not hold its listener for ever. A plain timer,
    // not AbortSignal.timeout(): that one costs a finalizer per call, which showed under load.
    const timer = signal
      ? undefined
      : setTimeout(
          () => abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
          DEFAULT_TIMEOUT_MS,
        );
    const settle = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (err) => {
      settle();
      // As the built-in fetch reports a network failure.
      reject(new TypeError("fetch failed", { cause: err }));
    });
    req.end(body);
  });

  if (status >= 300 && status < 400 && responseHeaders.has("location")) {
    if (init.redirect === "error")
      throw new TypeError("fetch failed", { cause: new Error(`unexpected redirect (HTTP ${status})`) });
    if (init.redirect !== "manual") return fetch(input, init);
  }
  const content = NULL_BODY.has(status)
    ? null
    : decode(raw, responseHeaders.get("content-encoding") ?? undefined);
  return new BufferedResponse(content, status, statusText, responseHeaders, url.href) as unknown as Response;
}

/**
 * A Response whose body is already in memory. What the Slack SDKs read (status, headers, text(), json(),
 * arrayBuffer()) is answered from the buffer; anything else (the body stream, blob(), clone()…) from a
 * real Response made on first use — building one per call was a tenth of this module's cost.
 */
class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "basic";
  bodyUsed = false;
  private real: Response | undefined;

  constructor(
    private readonly content: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  private take(): Buffer {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.bodyUsed = true;
    return this.content ?? Buffer.alloc(0);
  }

  private asResponse(): Response {
    const bytes = this.content
      ? new Uint8Array(this.content.buffer as ArrayBuffer, this.content.byteOffset, this.content.byteLength)
      : null;
    this.real ??= new Response(bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    return this.real;
  }

  async text(): Promise<string> {
    return this.take().toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.asResponse().body;
  }

  blob(): Promise<Blob> {
    this.bodyUsed = true;
    return this.asResponse().blob();
  }

  formData(): Promise<FormData> {
    this.bodyUsed = true;
    return this.asResponse().formData();
  }

  clone(): Response {
    return this.asResponse().clone();
  }
}
