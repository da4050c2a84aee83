import { z } from "zod";
import { OwnerSchema } from "../knowledge/schema.js";

/**
 * What a card button carries back, on every platform: Slack button `value`, Adaptive Card `data`,
 * playground clicks. Parsed with zod because it comes from the network and may be forged.
 */
export const CardActionSchema = z.discriminatedUnion("a", [
  z.object({ a: z.literal("ask"), q: z.string().min(1).max(500) }),
  z.object({
    a: z.literal("feedback"),
    target: z.string().min(1).max(100),
    q: z.string().max(500),
    helpful: z.boolean(),
  }),
  z.object({ a: z.literal("share"), q: z.string().min(1).max(500) }),
  z.object({ a: z.literal("quiz_answer"), quiz: z.string().min(1).max(100), choice: OwnerSchema }),
  z.object({ a: z.literal("quiz_new") }),
]);
export type CardAction = z.infer<typeof CardActionSchema>;

export function parseCardAction(raw: unknown): CardAction | null {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const r = CardActionSchema.safeParse(value);
  return r.success ? r.data : null;
}

/** Slack limits a button value to 2000 characters; questions are capped well below. */
export function encodeCardAction(action: CardAction): string {
  return JSON.stringify(action);
}
