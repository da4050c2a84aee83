// How the daily quiz reaches Slack: the quiz card as a channel message (its ts is the reference the reveal
// threads under), and the reveal as a reply in that thread.

import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { QuizPostError } from "../quiz/errors.js";
import type { Notifier, Pace } from "../quiz/types.js";
import { renderQuizCard, renderReveal } from "../render/blockkit.js";
import type { ChannelKey } from "../store/types.js";
import { slackErrorCode } from "./converse.js";
import { postMessage } from "./post.js";

/**
 * Slack errors no retry can fix: the bot was removed or never invited, the channel is gone or archived,
 * the token or its scopes are wrong. The quiz pauses the channel's schedule on these.
 */
const PERMANENT = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "team_access_not_granted",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

/**
 * The quiz's Notifier for Slack, on a Web API client with the bot token: the running app's (`createSlackApp`
 * returns it as `notifier`), or one made from the config section (`srm-bot quiz post`, src/wiring/slack.ts).
 */
/**
 * chat.postMessage as Slack documents it: about one message a second per channel (short bursts allowed) and
 * a workspace-wide limit. A 429 is waited out by the Web API client itself, as its Retry-After says, and
 * the call re-sent (client.ts): the notifier sees only the final answer.
 */
export function slackPace(postsPerMinutePerWorkspace: number): Pace {
  return { perWorkspacePerMinute: postsPerMinutePerWorkspace, perChannelGapMs: 1000 };
}

export function createSlackNotifier(client: webApi.WebClient, logger: Logger, pace?: Pace): Notifier {
  const log = logger.child({ component: "slack-notifier" });

  async function post(
    channel: ChannelKey,
    what: string,
    quizId: string,
    run: () => Promise<string | undefined>,
  ) {
    try {
      return await run();
    } catch (err) {
      const code = slackErrorCode(err);
      const permanent = code !== undefined && PERMANENT.has(code);
      log.error(
        { err, channel: channel.channel, quizId, code, permanent },
        `could not post the ${what} to Slack`,
      );
      throw new QuizPostError(
        permanent
          ? `Slack refused the ${what} in ${channel.channel} (${code}): is srm-bot still in that channel?`
          : `Slack ${what} post to ${channel.channel} failed: ${code ?? (err as Error)?.message ?? String(err)}`,
        { permanent, cause: err },
      );
    }
  }

  return {
    platform: "slack",
    ...(pace ? { pace } : {}),
    async postQuiz(channel, quiz) {
      const ts = await post(channel, "quiz", quiz.quizId, () =>
        postMessage(client, { channel: channel.channel }, renderQuizCard(quiz)),
      );
      return { messageRef: ts ?? null };
    },
    async postReveal(channel, reveal) {
      await post(channel, "quiz reveal", reveal.quizId, () =>
        postMessage(
          client,
          { channel: channel.channel, ...(reveal.messageRef ? { threadTs: reveal.messageRef } : {}) },
          renderReveal(reveal),
        ),
      );
    },
  };
}
