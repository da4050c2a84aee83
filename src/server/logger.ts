import { createRequire } from "node:module";
import { type DestinationStream, type Logger, pino } from "pino";
import type PinoPretty from "pino-pretty";
import type { LogLevel } from "../config.js";

export type { Logger } from "pino";

export const REDACTED = "[REDACTED]";

/** Keys that hold credentials wherever they appear in a logged object (a second net under the value scrubber). */
const REDACT_PATHS = [
  "authorization",
  "cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["x-slack-signature"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-slack-signature"]',
  "*.headers.authorization",
  "*.headers.cookie",
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "appPassword",
  "password",
  "secret",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.appPassword",
  "*.password",
  "*.secret",
  "*.clientSecret",
  "*.connectionString",
];

export interface LoggerOptions {
  level: LogLevel;
  format: "json" | "pretty";
  /** Literal secret values (tokens, passwords) to blank out of every line, wherever they appear. */
  secrets?: string[];
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces every secret, raw or as it appears inside a JSON string, with [REDACTED].
 * Works on the serialised line, so it also catches a token quoted inside an error message or URL.
 */
export function secretScrubber(secrets: string[]): (line: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(encodeURIComponent(s));
  }
  if (forms.size === 0) return (line) => line;
  // Longest first, so a secret that contains another is replaced whole.
  const pattern = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|"),
    "g",
  );
  return (line) => line.replace(pattern, REDACTED);
}

/** pino-pretty is only for terminals: loaded on demand, so a JSON-logging server starts faster. */
function loadPretty(): typeof PinoPretty {
  return createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
}

// Control characters (ANSI escapes included) from a client's URL must not reach the terminal as such.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Pretty lines for a terminal: pino-pretty's, except that a request's line is one line —
 * `POST /playground/api/ask 200 3.1 ms 6f1c…` — instead of the message and one line per field.
 */
export function prettyDestination(out: { write(s: string): unknown }, colorize: boolean): DestinationStream {
  const pretty = loadPretty().prettyFactory({
    colorize,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    // Fields on the line they belong to: a terminal then shows one line per event.
    singleLine: true,
  });
  return {
    write(line: string) {
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      if (obj.msg === "request" && typeof obj.method === "string" && typeof obj.path === "string") {
        const { reqId, method, path, status, ms, aborted, ...rest } = obj;
        const shown = String(path).replace(CONTROL, "?");
        rest.msg = `${method} ${shown} ${String(status)} ${String(ms)} ms ${String(reqId)}${aborted ? " (aborted)" : ""}`;
        obj = rest;
      }
      out.write(pretty(obj));
    },
  };
}

export function createLogger(opts: LoggerOptions): Logger {
  const scrub = secretScrubber(opts.secrets ?? []);
  const destination =
    opts.format === "pretty"
      ? prettyDestination(
          opts.destination ?? process.stdout,
          !opts.destination && Boolean(process.stdout.isTTY),
        )
      : (opts.destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: opts.level,
      base: { service: "srm-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
      // Level names read better than numbers in log search; pino-pretty wants the numbers.
      ...(opts.format === "json" ? { formatters: { level: (label: string) => ({ level: label }) } } : {}),
    },
    destination,
  );
}
