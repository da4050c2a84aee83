// What the knowledge base covers, per service: for curators (`srm-bot data coverage`) and for the test that
// every service of the answer contract is present. Pure: knowledge in, rows out.
import { type KnowledgeBase, LAYER_IDS, type LayerId } from "./schema.js";

export interface CoverageRow {
  id: string;
  name: string;
  model: string;
  entries: number;
  /** Layers with an entry of the service's own; every other layer is answered by the general rule. */
  explained: LayerId[];
  byRule: LayerId[];
  overrides: LayerId[];
  source: string | null;
  /** The oldest `reviewed` date among the service and its entries. */
  oldestReview: string | null;
}

export function coverage(kb: Pick<KnowledgeBase, "services" | "entries">): CoverageRow[] {
  return kb.services.map((s) => {
    const own = kb.entries.filter((e) => e.services.includes(s.id));
    const explained = LAYER_IDS.filter((l) => own.some((e) => e.layer === l));
    const dates = [s.reviewed, ...own.map((e) => e.reviewed)].filter((d): d is string => !!d).sort();
    return {
      id: s.id,
      name: s.name,
      model: s.model,
      entries: own.length,
      explained,
      byRule: LAYER_IDS.filter((l) => !explained.includes(l)),
      overrides: s.overrides.map((o) => o.layer),
      source: s.url ?? null,
      oldestReview: dates[0] ?? null,
    };
  });
}

/** Entries whose last review is older than `months` before `today` (YYYY-MM-DD). */
export function staleEntries(kb: Pick<KnowledgeBase, "entries">, today: string, months = 12): string[] {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  const cutoff = d.toISOString().slice(0, 10);
  return kb.entries.filter((e) => e.reviewed < cutoff).map((e) => `${e.id} (reviewed ${e.reviewed})`);
}

/** The table `srm-bot data coverage` prints. */
export function coverageTable(rows: CoverageRow[]): string {
  const head = [
    "service",
    "kind",
    "entries",
    "layers explained",
    "by general rule",
    "overrides",
    "oldest review",
    "source",
  ];
  const body = rows.map((r) => [
    r.id,
    r.model,
    String(r.entries),
    String(r.explained.length),
    String(r.byRule.length),
    r.overrides.join(",") || "-",
    r.oldestReview ?? "-",
    r.source ?? "MISSING",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  const total = rows.reduce((n, r) => n + r.entries, 0);
  return [
    line(head),
    ...body.map(line),
    "",
    `${rows.length} services, ${total} service entries; layers without an entry of their own are answered by the general rule for the service's kind.`,
  ].join("\n");
}
