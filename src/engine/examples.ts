// Example questions that grow with the knowledge base, for the App Home tab.
import type { KnowledgeBase, Service } from "../knowledge/schema.js";
import { questionOf } from "./answer-parts.js";

/**
 * One service's first question a day, in turn, so the App Home tab shows a different corner of the data each
 * day. `day` is any whole number (days since epoch).
 */
export function rotatingExamples(kb: KnowledgeBase, day: number, count = 3): string[] {
  const withEntries = kb.services.filter((s) => kb.entries.some((e) => e.services[0] === s.id));
  const out: string[] = [];
  for (let i = 0; i < count && i < withEntries.length; i++) {
    const s = withEntries[(day * count + i) % withEntries.length] as Service;
    const e = kb.entries.find((x) => x.services[0] === s.id);
    if (e) out.push(questionOf(e));
  }
  return out;
}
