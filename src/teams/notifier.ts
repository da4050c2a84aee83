// How the daily quiz reaches Teams: proactive posts through the conversation reference saved when the bot
// was installed or last spoken to.

import { setTimeout as sleep } from "node:timers/promises";
import { type Activity, type CloudAdapter, type ConversationReference, TurnContext } from "botbuilder";
import type { Logger } from "pino";
import { QuizPostError } from "../quiz/errors.js";
import type { Notifier, Pace, QuizCardView, RevealView } from "../quiz/types.js";
import { quizSummary, renderQuizCard, renderReply } from "../render/adaptive.js";
import type { ChannelKey, Store } from "../store/types.js";
import { baseConversationId } from "./activity.js";
import { errorInfo } from "./errors.js";
import { cardActivity } from "./send.js";

/**
 * Connector answers that mean the bot can no longer post there (removed from the team or chat, conversation
 * deleted): retrying cannot help, so the quiz pauses the subscription until someone speaks to the bot again.
 * A 401 is not among them: it means our own credentials are wrong, which fixing the config cures for all.
 */
const GONE = new Set([403, 404]);

/** The part of the SDK's ConnectorClient used here (it lives in botframework-connector, not a direct dependency). */
interface ConversationsClient {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

function postError(channel: ChannelKey, err: unknown): QuizPostError {
  const info = errorInfo(err);
  const status = info.statusCode;
  const permanent = status !== undefined && GONE.has(status);
  return new QuizPostError(
    permanent
      ? `Teams refused the post to ${channel.channel} (HTTP ${status}): is srm-bot still installed there?`
      : `Teams post to ${channel.channel} failed: ${info.message}`,
    // Not the SDK error itself: it carries the failed request, Authorization header included, into any log.
    {
      permanent,
      cause: Object.assign(new Error(info.message), { name: info.name, statusCode: info.statusCode }),
    },
  );
}

/** Longest Retry-After waited out before re-sending; past it the quiz's own retry (next tick) takes over. */
const MAX_RETRY_AFTER_MS = 30_000;

/** A 429's Retry-After (seconds) in ms, as the connector's RestError carries the response headers. */
export function retryAfterMs(err: unknown): number | null {
  const e = err as { statusCode?: unknown; response?: { headers?: unknown } } | null;
  if (e?.statusCode !== 429) return null;
  const headers = e.response?.headers as
    | { get?: (n: string) => unknown }
    | Record<string, unknown>
    | undefined;
  const raw =
    typeof headers?.get === "function"
      ? headers.get("retry-after")
      : (headers as Record<string, unknown> | undefined)?.["retry-after"];
  const seconds = Number(raw);
  return Math.min(MAX_RETRY_AFTER_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
}

/**
 * Teams answers 429 when a conversation or the tenant gets too much: wait as it says, then send once more.
 * A second refusal fails the post, and the quiz retries it at its next tick.
 */
async function sendOnceMore<T>(send: () => Promise<T>, onWait: (ms: number) => void): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const wait = retryAfterMs(err);
    if (wait === null) throw err;
    onWait(wait);
    await sleep(wait);
    return send();
  }
}

/**
 * Teams' published limits for a bot: per conversation 7 messages a second (60 in 30 s), and 50 requests a
 * second per app per tenant, replies to people included. The quiz keeps well inside both.
 */
export function teamsPace(postsPerSecondPerTenant: number): Pace {
  return { perWorkspacePerMinute: postsPerSecondPerTenant * 60, perChannelGapMs: 250 };
}

/** Where a proactive post goes: the reference saved when the bot was installed or last spoken to. */
async function savedReference(store: Store, channel: ChannelKey): Promise<Partial<ConversationReference>> {
  const ref = (await store.getConversationRef(channel)) as Partial<ConversationReference> | null;
  if (!ref?.conversation?.id || !ref.serviceUrl)
    throw new QuizPostError(
      `srm-bot has no conversation reference for Teams conversation ${channel.channel}: install it there, or mention it once`,
      { permanent: true },
    );
  return ref;
}

export function createTeamsNotifier(
  adapter: CloudAdapter,
  store: Store,
  appId: string,
  logger: Logger,
  pace?: Pace,
): Notifier {
  const reference = (channel: ChannelKey) => savedReference(store, channel);

  /**
   * Posts one activity as a new message in the conversation (a thread when the id names one) and returns
   * its id. Through the connector directly: a send on the continued turn would be addressed as a reply to
   * the SDK's synthetic continuation event. Errors are caught inside the turn so they reach the quiz,
   * which decides between retrying and pausing, instead of the adapter's onTurnError.
   */
  async function post(
    channel: ChannelKey,
    ref: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<string | null> {
    let id: string | null = null;
    let failure: unknown = null;
    await adapter.continueConversationAsync(appId, ref, async (context) => {
      try {
        const client = context.turnState.get(adapter.ConnectorClientKey) as ConversationsClient | undefined;
        if (!client) throw new Error("no Bot Connector client for this conversation");
        const outgoing = TurnContext.applyConversationReference({ ...activity }, ref);
        delete outgoing.replyToId;
        const conversationId = ref.conversation?.id ?? "";
        const sent = await sendOnceMore(
          () => client.conversations.sendToConversation(conversationId, outgoing),
          (waitMs) => logger.warn({ channel: channel.channel, waitMs }, "Teams answered 429; re-sending"),
        );
        id = sent?.id ?? null;
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw postError(channel, failure);
    return id;
  }

  return {
    platform: "teams",
    ...(pace ? { pace } : {}),

    async postQuiz(channel: ChannelKey, quiz: QuizCardView) {
      const ref = await reference(channel);
      const messageRef = await post(
        channel,
        ref,
        cardActivity({ card: renderQuizCard(quiz), summary: quizSummary(quiz) }),
      );
      logger.info({ channel: channel.channel, quizId: quiz.quizId, messageRef }, "posted the quiz to Teams");
      return { messageRef };
    },

    async postReveal(channel: ChannelKey, reveal: RevealView) {
      const ref = await reference(channel);
      const conversation = ref.conversation as NonNullable<ConversationReference["conversation"]>;
      // In a channel, a reply into the quiz post's thread is addressed as "<channel>;messageid=<post id>";
      // chats have no threads, so the reveal simply follows the quiz there.
      const threaded =
        reveal.messageRef && conversation.conversationType === "channel"
          ? {
              ...ref,
              conversation: {
                ...conversation,
                id: `${baseConversationId(conversation.id)};messageid=${reveal.messageRef}`,
              },
            }
          : ref;
      await post(channel, threaded, cardActivity(renderReply({ kind: "reveal", reveal })));
      logger.info({ channel: channel.channel, quizId: reveal.quizId }, "posted the quiz answer to Teams");
    },
  };
}
