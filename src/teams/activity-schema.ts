// The shape an activity must have before the Bot Framework SDK sees it. The SDK trusts its input: a
// non-string serviceUrl threw a TypeError (a 500), a missing one made it reply to the public Bot Framework
// host. Checked here with zod, the fields the SDK and srm-bot read get a 400 when wrong; the rest passes as is.

import { z } from "zod";

/** The invoke names srm-bot answers; others get a clean "not handled" instead of the SDK's 501. */
export const HANDLED_INVOKES = new Set(["adaptiveCard/action"]);

const id = z.string().min(1).max(1_000);
const account = z.looseObject({ id: id.optional(), name: z.string().max(1_000).optional() });

const ActivityEdgeSchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: id.optional(),
  name: z.string().max(200).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z
    .string()
    .max(2_000)
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL"),
  conversation: z.looseObject({ id, tenantId: z.string().max(200).optional() }),
  from: account.optional(),
  recipient: account.optional(),
  text: z.string().max(100_000).optional(),
  replyToId: z.string().max(1_000).optional(),
});

export type EdgeVerdict = { ok: true } | { ok: false; message: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * `localOnly` (the unauthenticated endpoint): replies may go only to this machine, where the Emulator runs.
 * With authentication the token's serviceurl claim must match the activity's: the SDK checks that.
 */
export function checkActivity(activity: unknown, localOnly: boolean): EdgeVerdict {
  const r = ActivityEdgeSchema.safeParse(activity);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return {
      ok: false,
      message: `not a valid Bot Framework activity (${where}${first?.message ?? "invalid"})`,
    };
  }
  if (localOnly && !LOOPBACK.has(new URL(r.data.serviceUrl).hostname))
    return { ok: false, message: "the local endpoint replies only to a service URL on this machine" };
  return { ok: true };
}
