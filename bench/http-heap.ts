// Heap snapshots of the bench server (node --heapsnapshot-signal=SIGUSR2: V8 collects garbage, then writes
// Heap.<date>.<pid>….heapsnapshot into the server's folder) and what grew between two of them, by constructor.

import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchServer } from "./http-server.js";

type Sizes = Map<string, { size: number; count: number }>;

/** Signals the server, waits for its snapshot file to be complete, and returns its sizes by constructor. */
export async function takeSnapshot(server: BenchServer): Promise<Sizes> {
  const list = () => readdirSync(server.dir).filter((f) => f.endsWith(".heapsnapshot"));
  const before = new Set(list());
  server.proc.kill("SIGUSR2");
  let file: string | undefined;
  let lastSize = -1;
  for (;;) {
    await sleep(500);
    file ??= list().find((f) => !before.has(f));
    if (!file) continue;
    const size = statSync(join(server.dir, file)).size;
    if (size > 0 && size === lastSize) break;
    lastSize = size;
  }
  const path = join(server.dir, file);
  const sizes = sizesOf(JSON.parse(readFileSync(path, "utf8")) as Snapshot);
  rmSync(path);
  return sizes;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function sizesOf(s: Snapshot): Sizes {
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = s.snapshot.meta.node_types[0];
  const out: Sizes = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt] as number] ?? "?";
    const name = s.strings[s.nodes[i + nameAt] as number] ?? "?";
    // Strings and code are named by their content: group them by type.
    const key = type === "object" || type === "closure" ? `${type} ${name}` : `(${type})`;
    const e = out.get(key) ?? { size: 0, count: 0 };
    e.size += s.nodes[i + sizeAt] as number;
    e.count += 1;
    out.set(key, e);
  }
  return out;
}

export function heapGrowth(a: Sizes, b: Sizes, top: number): string[] {
  const total = (m: Sizes) => [...m.values()].reduce((sum, e) => sum + e.size, 0);
  const rows = [...b].map(([k, e]) => {
    const was = a.get(k) ?? { size: 0, count: 0 };
    return { k, size: e.size - was.size, count: e.count - was.count };
  });
  rows.sort((x, y) => y.size - x.size);
  const kb = (n: number) => `${n >= 0 ? "+" : ""}${(n / 1024).toFixed(0)} KB`;
  return [
    `whole heap: ${kb(total(b) - total(a))} (${(total(a) / 1048576).toFixed(1)} → ${(total(b) / 1048576).toFixed(1)} MB)`,
    ...rows.slice(0, top).map((r) => `${r.k}: ${kb(r.size)}, ${r.count >= 0 ? "+" : ""}${r.count}`),
  ];
}
