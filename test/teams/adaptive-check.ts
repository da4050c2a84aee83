// Parses a card with Microsoft's own Adaptive Cards library, as a Teams client or the playground would.
// The library's ESM build uses extension-less imports Node cannot load; its UMD build runs in Node without
// a DOM for parsing and validation (rendering is what needs a DOM).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

/** Every parse or validation warning, plus every property the library dropped (i.e. did not understand). */
export function cardProblems(json: unknown): string[] {
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents)
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  problems.push(...dropped(json, card.toJSON(), "card"));
  return problems;
}

/** Properties present in what we sent but missing or different after the library's round trip. */
function dropped(sent: unknown, kept: unknown, path: string): string[] {
  if (sent === null || typeof sent !== "object") {
    return sent === kept || (kept === undefined && isDefault(sent))
      ? []
      : [`${path}: ${JSON.stringify(sent)} became ${JSON.stringify(kept)}`];
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return [`${path}: array lost`];
    return sent.flatMap((v, i) => dropped(v, kept[i], `${path}[${i}]`));
  }
  if (path.endsWith(".data"))
    return JSON.stringify(sent) === JSON.stringify(kept) ? [] : [`${path}: data changed`];
  const k = (kept ?? {}) as Record<string, unknown>;
  return Object.entries(sent as Record<string, unknown>).flatMap(([key, v]) =>
    IGNORED.has(key) ? [] : dropped(v, k[key], `${path}.${key}`),
  );
}

/** Teams-only extensions the generic library does not model. */
const IGNORED = new Set(["msteams"]);

/** The library leaves out values equal to the schema default when serialising. */
function isDefault(value: unknown): boolean {
  return value === false || value === "default" || value === "Default";
}

export { AC };
