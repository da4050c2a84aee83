// The Slack side of src/conversation/respond.ts: who is asking, where, and what to say when it fails.

import type { webApi } from "@slack/bolt";
import {
  FAILURE_NOTICE,
  type Reply,
  type RespondInput,
  readMessage,
  respond,
} from "../conversation/respond.js";
import { writes } from "../conversation/writes.js";
import type { Actor } from "../quiz/types.js";
import { SLOW_DOWN } from "../render/copy.js";
import type { ChannelKey } from "../store/types.js";
import type { SlackDeps } from "./deps.js";

export const SORRY_NOT_IN_CHANNEL =
  "I can't post in this channel yet: invite me first with `/invite @srm-bot`, then try again.";

export interface Asker {
  team: string;
  channel: string;
  user: string;
}

export function channelKey(who: Asker): ChannelKey {
  return { platform: "slack", workspace: who.team, channel: who.channel };
}

/** Never throws: a failure becomes a short, friendly notice (respond's), and the details go to the log. */
export async function converse(
  input: RespondInput,
  who: Asker,
  client: webApi.WebClient,
  deps: SlackDeps,
  /** Who is acting, when the caller knows enough already: then users.info is not called. */
  known?: Actor,
): Promise<Reply[]> {
  // Text that is not a string (a malformed event) goes to respond() as it is, which answers with its notice.
  const read = "text" in input && typeof input.text === "string" ? readMessage(input.text) : input;
  // Over the limit, a write is not done and the person is told so privately, with a 200: Slack shows a
  // non-200 to the person as a failure ("/srm failed", a warning on the button), retries events, and
  // ignores Retry-After from an app, so a 429 would only look broken.
  const verdict =
    deps.userLimit && writes(read) ? deps.userLimit.take(`slack:${who.team}:${who.user}`) : null;
  if (verdict && !verdict.ok)
    return [{ kind: "notice", text: SLOW_DOWN(verdict.retryAfterS), tone: "warning" }];
  const actor: Actor =
    known ??
    (needsActor(read) ? await deps.users.actor(client, who.user) : { user: who.user, isAdmin: false });
  return respond(read, {
    engine: deps.engine,
    store: deps.store,
    quiz: deps.quiz() ?? null,
    channel: channelKey(who),
    actor,
    logger: deps.logger,
    explainFailure: notInChannel,
  });
}

/** Quiz commands and answers need the person's name, time zone and admin rights (one users.info call). */
function needsActor(input: RespondInput): boolean {
  if ("action" in input) return input.action.a === "quiz_answer" || input.action.a === "quiz_new";
  return "command" in input && input.command.kind === "quiz";
}

/** Slack error codes that mean "add the bot to the channel", which the user can fix. */
const NOT_IN_CHANNEL = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

/** What to tell the person when a Slack call failed: how to fix it when they can, else the failure notice. */
export function friendlyError(err: unknown): string {
  return notInChannel(err) ?? FAILURE_NOTICE;
}

function notInChannel(err: unknown): string | undefined {
  const code = slackErrorCode(err);
  return code && NOT_IN_CHANNEL.has(code) ? SORRY_NOT_IN_CHANNEL : undefined;
}

/** The Web API's error code (`not_in_channel`…), also when wrapped (QuizPostError keeps it as `cause`). */
export function slackErrorCode(err: unknown, depth = 0): string | undefined {
  const e = err as { data?: { error?: unknown }; cause?: unknown } | null;
  if (typeof e?.data?.error === "string") return e.data.error;
  return e?.cause !== undefined && depth < 3 ? slackErrorCode(e.cause, depth + 1) : undefined;
}
