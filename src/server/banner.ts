import type { AddressInfo } from "node:net";
import type { Config } from "../config.js";
import { describeStore } from "../config.js";

export interface BannerLine {
  name: string;
  /** Path on this server, or where else it connects (Socket Mode). */
  where: string;
  note: string;
}

const WILDCARD = new Set(["0.0.0.0", "::", "::0"]);

/** `host:port` as bound, IPv6 in brackets. */
export function boundAddress(address: Pick<AddressInfo, "address" | "port">): string {
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  return `${host}:${address.port}`;
}

/**
 * The URL to open from this machine. A server bound to every interface has no one address of its own, so
 * links go to localhost — and the banner says it listens on every interface, which is what it does.
 */
export function baseUrl(address: Pick<AddressInfo, "address" | "port">): string {
  return WILDCARD.has(address.address)
    ? `http://localhost:${address.port}`
    : `http://${boundAddress(address)}`;
}

/** The human summary printed at start: what is served, where, and how it is configured. */
export function bannerLines(config: Config, address: AddressInfo, surfaces: BannerLine[]): string[] {
  const url = baseUrl(address);
  const all = WILDCARD.has(address.address);
  const mode = config.mode === "local" ? "in local mode (no Slack or Teams credentials)" : "connected";
  const lines = [
    `srm-bot is running ${mode}, listening on ${boundAddress(address)}${all ? ` (every interface; from this machine ${url})` : ""}`,
  ];
  for (const s of surfaces) {
    const where = s.where.startsWith("/") ? `${url}${s.where}` : s.where;
    lines.push(`  ${s.name.padEnd(11)} ${where}${s.note ? `  — ${s.note}` : ""}`);
  }
  lines.push(`  ${"Store".padEnd(11)} ${describeStore(config.store)}`);
  return lines;
}
