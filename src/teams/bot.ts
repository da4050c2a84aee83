// The Teams conversation: messages and @mentions, card buttons, install greetings. Everything it answers
// comes from respond() in src/conversation, the same path the playground uses.

import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Logger } from "pino";
import { parseCardAction } from "../conversation/actions.js";
import {
  type Reply,
  type RespondContext,
  respond,
  STALE_BUTTON,
  welcomeReply,
} from "../conversation/respond.js";
import type { Engine } from "../engine/engine.js";
import type { QuizService } from "../quiz/types.js";
import { ADAPTIVE_CARD_CONTENT_TYPE, renderNotice, renderReply } from "../render/adaptive.js";
import { BoundedMap } from "../shared/bounded-map.js";
import type { Store } from "../store/types.js";
import { actorOf, channelKeyOf, isCardSubmit, questionText, referenceOf } from "./activity.js";
import { HANDLED_INVOKES } from "./activity-schema.js";
import { errorInfo } from "./errors.js";
import { cardActivity } from "./send.js";

export interface TeamsBotDeps {
  engine: Engine;
  store: Store;
  quiz?: QuizService | null;
  logger: Logger;
}

/** Shown on help and welcome cards: in channels and group chats Teams only delivers messages that @mention the bot. */
export const TEAMS_TIP = "In a channel or group chat, @mention me first: @srm-bot who handles RDS patching?";

const MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";
/** How many conversations' last-saved references are kept in memory. */
const SAVED_REFS = 10_000;
const THANKS = "Thanks for the feedback!";

export class SrmTeamsBot extends ActivityHandler {
  /** Conversation references this process saved lately, as JSON, by conversation; the oldest dropped first. */
  private readonly saved = new BoundedMap<string, string>(SAVED_REFS);

  constructor(private readonly deps: TeamsBotDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.remember(context);
      const activity = context.activity;
      if (isCardSubmit(activity)) {
        const action = parseCardAction(activity.value);
        if (!action) await context.sendActivity(cardActivity(renderNotice(STALE_BUTTON, "warning")));
        else await this.send(context, await respond({ action }, this.respondContext(context)));
      } else {
        const text = questionText(activity);
        await this.send(context, await respond({ text }, this.respondContext(context)));
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      const botId = context.activity.recipient?.id;
      // Greet when the bot itself joins a team or chat, not every time a person joins the team.
      const added: unknown = context.activity.membersAdded;
      if (botId && Array.isArray(added) && added.some((m) => (m as { id?: unknown } | null)?.id === botId))
        await context.sendActivity(cardActivity(renderReply(welcomeReply(), { tip: TEAMS_TIP })));
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  /**
   * An adaptiveCard/action invoke without an `action` object would make the SDK throw a TypeError (it reads
   * `value.action.type` unchecked) and the turn fail: answer it as the bad request it is.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    // An invoke srm-bot offers nothing for (a message extension, a task module): a plain "not handled",
    // where the SDK would answer 501.
    if (typeof name !== "string" || !HANDLED_INVOKES.has(name))
      return {
        status: 400,
        body: {
          statusCode: 400,
          type: "application/vnd.microsoft.error",
          value: { code: "BadRequest", message: "srm-bot does not handle this kind of request." },
        },
      };
    const action = (value as { action?: unknown } | null | undefined)?.action;
    if (name === "adaptiveCard/action" && (typeof action !== "object" || action === null))
      return {
        status: 400,
        body: {
          statusCode: 400,
          type: "application/vnd.microsoft.error",
          value: { code: "BadRequest", message: STALE_BUTTON },
        },
      };
    return super.onInvokeActivity(context);
  }

  /**
   * Action.Execute (quiz answers): the card in the invoke response replaces the card for the person who
   * pressed the button only, so their result stays private even in a channel.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.remember(context);
    const action = parseCardAction(invokeValue.action?.data);
    if (!action)
      return {
        statusCode: 400,
        type: "application/vnd.microsoft.error",
        value: { code: "BadRequest", message: STALE_BUTTON },
      };
    const [first, ...rest] = await respond({ action }, this.respondContext(context));
    await this.send(context, rest);
    // Teams takes a plain string as the value of a message response; the SDK types every value as an object.
    if (!first)
      return {
        statusCode: 200,
        type: MESSAGE_RESPONSE,
        value: "Done." as unknown as Record<string, unknown>,
      };
    const { card } = renderReply(first, { tip: TEAMS_TIP });
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: { ...card } };
  }

  private respondContext(context: TurnContext): RespondContext {
    return {
      engine: this.deps.engine,
      store: this.deps.store,
      quiz: this.deps.quiz,
      channel: channelKeyOf(context.activity),
      actor: actorOf(context.activity),
      logger: this.deps.logger,
      // The turn error handler answers a failed invoke in the form Teams expects (adapter.ts).
      failures: "throw",
    };
  }

  private async send(context: TurnContext, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === "feedback") {
        if (reply.answer && (await this.updateVotedCard(context, reply))) continue;
        await context.sendActivity(cardActivity(renderNotice(THANKS)));
        continue;
      }
      await context.sendActivity(cardActivity(renderReply(reply, { tip: TEAMS_TIP })));
    }
  }

  /** Redraws the voted-on card without its buttons, for everyone; false when Teams would not take it. */
  private async updateVotedCard(
    context: TurnContext,
    reply: Extract<Reply, { kind: "feedback" }>,
  ): Promise<boolean> {
    const id = context.activity.replyToId;
    if (!id) return false;
    try {
      await context.updateActivity({ ...cardActivity(renderReply(reply, { tip: TEAMS_TIP })), id });
      return true;
    } catch (err) {
      // Old messages and some clients (the Emulator) refuse updates: a short thank-you does instead.
      this.deps.logger.debug({ err: errorInfo(err) }, "could not update the voted-on card");
      return false;
    }
  }

  /**
   * Saves where this conversation is, for the daily quiz's proactive posts. Every turn carries it, but it
   * rarely changes: it is written only when it differs from what this process last saved for the
   * conversation (a store write per message was a twentieth of a Teams turn's CPU in npm run bench:http).
   */
  private async remember(context: TurnContext): Promise<void> {
    const key = channelKeyOf(context.activity);
    const ref = referenceOf(context.activity);
    const id = `${key.workspace}\u0000${key.channel}`;
    const json = JSON.stringify(ref);
    if (this.saved.get(id) === json) return;
    try {
      await this.deps.store.saveConversationRef(key, ref);
      this.saved.set(id, json);
    } catch (err) {
      // Answering matters more than remembering: the next turn tries again.
      this.deps.logger.warn({ err: errorInfo(err) }, "could not save the Teams conversation reference");
    }
  }
}
