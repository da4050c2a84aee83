// The Slack side of src/conversation/respond.ts: who is asking, where, and what to say when it fails.

import type { webApi } from "@slack/bolt";
import { parseCommand } from "../conversation/commands.js";
import { type Reply, type RespondInput, respond } from "../conversation/respond.js";
import { stripChatMarkup } from "../engine/text.js";
import type { Actor } from "../quiz/types.js";
import type { ChannelKey } from "../store/types.js";
import type { SlackDeps } from "./deps.js";

export const SORRY = "Sorry, something went wrong on my side. Please try again in a moment.";
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

/** Never throws: a failure becomes a short, friendly notice, and the details go to the log. */
export async function converse(
  input: RespondInput,
  who: Asker,
  client: webApi.WebClient,
  deps: SlackDeps,
  /** Who is acting, when the caller knows enough already: then users.info is not called. */
  known?: Actor,
): Promise<Reply[]> {
  try {
    const actor: Actor =
      known ??
      (needsActor(input) ? await deps.users.actor(client, who.user) : { user: who.user, isAdmin: false });
    return await respond(input, {
      engine: deps.engine,
      store: deps.store,
      quiz: deps.quiz() ?? null,
      channel: channelKey(who),
      actor,
      logger: deps.logger,
    });
  } catch (err) {
    deps.logger.error({ err, channel: who.channel }, "could not answer a Slack request");
    return [{ kind: "notice", text: friendlyError(err), tone: "warning" }];
  }
}

/** Quiz commands and answers need the person's name, time zone and admin rights (one users.info call). */
function needsActor(input: RespondInput): boolean {
  if ("action" in input) return input.action.a === "quiz_answer" || input.action.a === "quiz_new";
  const cmd = parseCommand(stripChatMarkup(input.text));
  return cmd.kind === "quiz";
}

/** Slack error codes that mean "add the bot to the channel", which the user can fix. */
const NOT_IN_CHANNEL = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export function friendlyError(err: unknown): string {
  const code = slackErrorCode(err);
  return code && NOT_IN_CHANNEL.has(code) ? SORRY_NOT_IN_CHANNEL : SORRY;
}

/** The Web API's error code (`not_in_channel`…), also when wrapped (QuizPostError keeps it as `cause`). */
export function slackErrorCode(err: unknown, depth = 0): string | undefined {
  const e = err as { data?: { error?: unknown }; cause?: unknown } | null;
  if (typeof e?.data?.error === "string") return e.data.error;
  return e?.cause !== undefined && depth < 3 ? slackErrorCode(e.cause, depth + 1) : undefined;
}
