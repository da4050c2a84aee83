// Reads a V8 CPU profile (node --cpu-prof) and sums self time by function and by package or source file:
// what the server spent its CPU on under load.

import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  functions: Array<{ name: string; ms: number; share: number }>;
  places: Array<{ name: string; ms: number; share: number }>;
}

/** Where a function lives: "pino", "@slack/bolt", "src/engine/text.js", "node:internal", "(gc)". */
function placeOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return url.startsWith("node:internal") ? "node:internal" : url;
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = url.indexOf("/dist/");
  return dist >= 0 ? url.slice(dist + "/dist/".length) : url;
}

export function summarizeProfile(path: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one.
    const id = samples[i] as number;
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === "(idle)") {
      idle += us;
      continue;
    }
    const place = placeOf(url, functionName);
    const name = `${functionName || "(anonymous)"} ${place}${url ? `:${lineNumber + 1}` : ""}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const busy = total - idle || 1;
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
  return { totalMs: total / 1000, idleMs: idle / 1000, functions: rank(fns), places: rank(places) };
}

export function printProfile(summary: ProfileSummary, log: (line: string) => void): void {
  const busy = summary.totalMs - summary.idleMs;
  log(
    `CPU profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (${((100 * busy) / (summary.totalMs || 1)).toFixed(0)}%)`,
  );
  log("  self time by package / file (share of busy time):");
  for (const p of summary.places) log(`    ${(100 * p.share).toFixed(1).padStart(5)}%  ${p.name}`);
  log("  self time by function:");
  for (const f of summary.functions) log(`    ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.name}`);
}
