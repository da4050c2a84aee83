import type { Config } from "../config.js";
import { describeStore } from "../config.js";

export interface Surface {
  name: string;
  /** Path on this server, or where else it connects (Socket Mode). */
  where: string;
  note: string;
}

export function baseUrl(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** The human summary printed at start: what is served, where, and how it is configured. */
export function bannerLines(config: Config, port: number, surfaces: Surface[]): string[] {
  const url = baseUrl(config.host, port);
  const lines = [
    `srm-bot is running ${config.mode === "local" ? "in local mode (no Slack or Teams credentials)" : "connected"} on ${url}`,
  ];
  for (const s of surfaces) {
    const where = s.where.startsWith("/") ? `${url}${s.where}` : s.where;
    lines.push(`  ${s.name.padEnd(11)} ${where}${s.note ? `  — ${s.note}` : ""}`);
  }
  lines.push(`  ${"Store".padEnd(11)} ${describeStore(config.store)}`);
  return lines;
}
