import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

const PINO_TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt and its Web API client log through srm-bot's pino logger, so their lines are JSON like the rest.
 * The client already redacts tokens from what it logs at debug level.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-sdk" });
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    // The SDKs log several debug lines per Web API call: build them only when they will be written.
    if (!log.isLevelEnabled(level)) return;
    const err = parts.find((p): p is Error => p instanceof Error);
    const msg = parts
      .filter((p) => p !== err)
      .map((p) => (typeof p === "string" ? p : safeJson(p)))
      .join(" ");
    if (err) log[level]({ err }, msg || err.message);
    else log[level](msg);
  };
  return {
    debug: (...m: unknown[]) => write("debug", m),
    info: (...m: unknown[]) => write("info", m),
    warn: (...m: unknown[]) => write("warn", m),
    error: (...m: unknown[]) => write("error", m),
    // pino's level (LOG_LEVEL) is the one setting; Bolt asking to change it is ignored.
    setLevel: () => {},
    getLevel: () => PINO_TO_BOLT[log.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
