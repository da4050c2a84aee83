// Every srm-bot button: related questions and "did you mean" (answered in place), share in channel,
// helpful / not helpful, quiz answers and "another question" — in messages and on the App Home tab.

import type { App, BlockAction, webApi } from "@slack/bolt";
import { type CardAction, parseCardAction } from "../../conversation/actions.js";
import { type Reply, STALE_BUTTON } from "../../conversation/respond.js";
import { type BlockKitOptions, renderNotice, renderReply } from "../../render/blockkit.js";
import { converse } from "../converse.js";
import { afterPendingRequests } from "../defer.js";
import { type Place, SlackDelivery } from "../delivery.js";
import type { SlackDeps } from "../deps.js";

export const ACTION_ID = /^srm:/;

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction>(
    { type: "block_actions", action_id: ACTION_ID },
    async ({ ack, body, action, respond, client }) => {
      const user = body.user.id;
      const place = placeOf(body);
      const card = parseCardAction(action.type === "button" ? action.value : undefined);
      const team = body.team?.id ?? body.user.team_id ?? "";
      const who = place ? { team, channel: place.kind === "home" ? place.dm : place.channel, user } : null;
      // Slack never retries an interaction that got its 200: an answer or a vote is recorded before the
      // acknowledgement, so a crash right after it cannot lose what the person was told is taken. Only the
      // store write comes first (well inside Slack's 3 s); the name look-up and the result message wait.
      const handle = (card?.a === "quiz_answer" || card?.a === "feedback") && who ? card : null;
      const handleName = body.user.name || body.user.username;
      const early = handle
        ? await converse({ action: handle }, who as NonNullable<typeof who>, client, deps, {
            user,
            isAdmin: false,
            ...(handleName ? { userName: handleName } : {}),
          })
        : null;
      await ack();
      await afterPendingRequests();
      const out = new SlackDelivery(client, deps.logger, {
        user,
        channel: place ? (place.kind === "home" ? place.dm : place.channel) : "",
        respond,
        ...(place ? { place } : {}),
      });
      if (!place || !card || !who) {
        deps.logger.warn(
          { actionId: action.action_id, user },
          "ignored a Slack button with an unknown value or place",
        );
        await out.privately(renderNotice(STALE_BUTTON, "warning"));
        return;
      }
      const replies = early ?? (await converse({ action: card }, who, client, deps));
      for (const reply of replies) await deliver(out, card, reply, place, user);
      if (early && card.a === "quiz_answer") await fillInName(client, deps, user, handleName);
    },
  );
}

/** The name an answer was stored with is the Slack handle; the leaderboard shows the display name. */
async function fillInName(
  client: webApi.WebClient,
  deps: SlackDeps,
  user: string,
  stored: string | undefined,
): Promise<void> {
  const actor = await deps.users.actor(client, user);
  if (!actor.userName || actor.userName === stored) return;
  await deps.store.setUserName("slack", user, actor.userName).catch((err: unknown) => {
    deps.logger.warn({ err, user }, "could not store a quiz player's display name");
  });
}

async function deliver(
  out: SlackDelivery,
  card: CardAction,
  reply: Reply,
  place: Place,
  user: string,
): Promise<void> {
  const ephemeral = place.kind === "ephemeral";
  // A notice (an error, the quiz being unavailable) never replaces the card the user was reading.
  if (reply.kind === "notice") {
    await out.privately(renderReply(reply));
    return;
  }
  switch (card.a) {
    case "share":
      if (reply.kind === "answer") {
        await out.share(renderReply(reply, { sharedBy: user, showQuestion: true }));
        return;
      }
      break;
    case "ask":
      // Answered in place: the card becomes the answer to the question clicked.
      await out.replace(renderReply(reply, cardOptions(ephemeral)));
      return;
    case "feedback":
      // A vote redraws the card only where it is the voter's own (ephemeral, DM); a channel card stays as is.
      if (reply.kind === "feedback" && reply.answer && (ephemeral || place.kind === "home" || isDm(place))) {
        await out.replace(renderReply(reply, cardOptions(ephemeral)));
        return;
      }
      await out.privately(
        reply.kind === "feedback" ? renderNotice("Thanks for the feedback!") : renderReply(reply),
      );
      return;
    case "quiz_answer":
    case "quiz_new":
      // Practice questions are ephemeral, so they are replaced; a channel quiz stays and the result is private.
      if (ephemeral) await out.replace(renderReply(reply));
      else await out.privately(renderReply(reply));
      return;
  }
  await out.privately(renderReply(reply));
}

function cardOptions(ephemeral: boolean): BlockKitOptions {
  return ephemeral ? { share: true, showQuestion: true } : { showQuestion: true };
}

function isDm(place: Place): boolean {
  return place.kind !== "home" && place.channel.startsWith("D");
}

function placeOf(body: BlockAction): Place | undefined {
  const container = (body.container ?? {}) as {
    type?: string;
    is_ephemeral?: boolean;
    channel_id?: string;
    message_ts?: string;
  };
  if (container.type === "view" || body.view?.type === "home") {
    const dm = dmOf(body.view?.private_metadata);
    return dm ? { kind: "home", dm } : undefined;
  }
  const channel = container.channel_id ?? body.channel?.id;
  if (!channel) return undefined;
  if (container.is_ephemeral) return { kind: "ephemeral", channel };
  const ts = container.message_ts ?? body.message?.ts;
  return ts ? { kind: "message", channel, ts } : { kind: "ephemeral", channel };
}

/** The App Home view remembers the user's DM with srm-bot, where answers to its buttons go. */
function dmOf(metadata: string | undefined): string | undefined {
  try {
    const dm = (JSON.parse(metadata ?? "") as { dm?: unknown }).dm;
    return typeof dm === "string" && /^[DUW][A-Z0-9]{2,}$/.test(dm) ? dm : undefined;
  } catch {
    return undefined;
  }
}
