// The case of an entry that a question names through one of its caveats ("long-running clusters", "our own key").
import type { Entry } from "../knowledge/schema.js";
import { phraseStems } from "./lexicon.js";
import { negatedAt } from "./reading-services.js";
import type { Situation } from "./situation.js";
import { COMPOUNDS } from "./text.js";
import { TUNING } from "./tuning.js";

const labelStems = new Map<string, string[]>();
const AWS_KEYS = new Set([COMPOUNDS["aws managed"], COMPOUNDS["aws owned"]]);

/**
 * "Long-running EMR cluster: who applies OS patches?": a shared entry whose caveat names the case asked about, and
 * gives that case one owner, answers with that owner; so does an entry of AWS's whose caveat names the customer's key.
 */
export function namedCase(s: Situation, e: Entry): { label: string; owner: "customer" | "aws" } | undefined {
  // A whole control's caveats name kinds of service ("Managed"), not a case of one duty.
  if (e.layer === null) return undefined;
  const a = s.reading.analysis;
  // Of one side's entry, only a key's case moves the owner ("with our own KMS key"), and only when the question
  // does not also name AWS's key kinds: "the aws/s3 key's rotation, and how our customer managed keys differ".
  if (e.owner !== "shared" && (e.layer !== "encryption" || a.words.some((w) => AWS_KEYS.has(w))))
    return undefined;
  for (const c of e.caveats) {
    if (!c.owner || c.owner === "shared") continue;
    const label = c.label.replace(/\(.*?\)/g, " ");
    let words = labelStems.get(label);
    if (!words) {
      words = phraseStems(label);
      labelStems.set(label, words);
    }
    const run = words.length >= 2 ? findRun(a.stems, words) : undefined;
    // "Node-based ElastiCache (not Serverless)": a case set aside is not the one asked about.
    if (run && !negatedAt(a, run[0]) && !negatedAt(a, run[1])) return { label: c.label, owner: c.owner };
  }
  return undefined;
}

/** Where the run's words start and end, in order with a few others between them ("long-running EMR on EC2 cluster"). */
function findRun(words: string[], run: string[]): [number, number] | undefined {
  for (let i = words.indexOf(run[0] as string); i >= 0; i = words.indexOf(run[0] as string, i + 1)) {
    let at = i;
    for (let k = 1; k < run.length && at >= 0; k++) {
      const next = words.indexOf(run[k] as string, at + 1);
      at = next >= 0 && next - at <= TUNING.caseWordGap + 1 ? next : -1;
    }
    if (at >= 0) return [i, at];
  }
  return undefined;
}
