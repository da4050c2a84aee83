// Every way an answer reaches a person in Slack, in one object per request: in the conversation (a mention's
// thread, a DM), only to the asker (slash commands), in place of the clicked card, shared in the channel, and
// the short private note that says a delivery failed. Each has a fallback that tells the person.

import type { RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { FAILURE_NOTICE, type Reply } from "../conversation/respond.js";
import { type BlockKitOptions, renderReply } from "../render/blockkit.js";
import type { BlockKitMessage } from "../render/blockkit-kit.js";
import { friendlyError } from "./converse.js";
import { postMessage } from "./post.js";

/** Where a clicked button lives, which decides how "answer in place" and "tell only me" work. */
export type Place =
  | { kind: "ephemeral"; channel: string }
  | { kind: "message"; channel: string; ts: string }
  | { kind: "home"; dm: string };

export interface Recipient {
  user: string;
  /** The conversation: a channel or a DM. */
  channel: string;
  /** Thread to answer in; undefined posts at the top level (DMs). */
  threadTs?: string;
  /** The request's response_url, when it has one (slash commands, buttons). */
  respond?: RespondFn;
  /** The clicked button's place (buttons only). */
  place?: Place;
}

export class SlackDelivery {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly to: Recipient,
  ) {}

  /** Posts each reply in the conversation (thread or DM). Never throws. */
  async thread(replies: Reply[], opts: BlockKitOptions = {}): Promise<void> {
    const { channel, threadTs } = this.to;
    for (const reply of replies) {
      try {
        await postMessage(this.client, { channel, threadTs }, renderReply(reply, opts));
      } catch (err) {
        this.logger.error({ err, channel, reply: reply.kind }, "could not post a Slack reply");
        await this.tellPrivately(friendlyError(err));
      }
    }
  }

  /** Shows a message to the asker only: through response_url, else chat.postEphemeral, else a short note. */
  async ephemeral(msg: BlockKitMessage): Promise<void> {
    const { channel, user } = this.to;
    try {
      await this.viaResponseUrl({ response_type: "ephemeral", text: msg.text, blocks: msg.blocks });
    } catch (err) {
      // response_url expired or unreachable: chat.postEphemeral reaches the user by another road.
      this.logger.error({ err, channel }, "could not answer through response_url");
      try {
        await this.client.chat.postEphemeral({ channel, user, text: msg.text, blocks: msg.blocks });
      } catch (err2) {
        this.logger.error({ err: err2, channel }, "could not answer with chat.postEphemeral either");
        await this.tellPrivately(friendlyError(err2));
      }
    }
  }

  /** Replaces the card that was clicked. */
  async replace(msg: BlockKitMessage): Promise<void> {
    const p = this.to.place;
    await this.attempt("replace", async () => {
      if (p?.kind === "message") {
        await this.client.chat.update({ channel: p.channel, ts: p.ts, text: msg.text, blocks: msg.blocks });
      } else if (p?.kind === "home") {
        await postMessage(this.client, { channel: p.dm }, msg);
      } else await this.viaResponseUrl({ replace_original: true, text: msg.text, blocks: msg.blocks });
    });
  }

  /** Shows a button's result to the clicker only. */
  async privately(msg: BlockKitMessage): Promise<void> {
    const p = this.to.place;
    await this.attempt("private", async () => {
      if (p?.kind === "home") await postMessage(this.client, { channel: p.dm }, msg);
      else
        await this.viaResponseUrl({
          response_type: "ephemeral",
          replace_original: false,
          text: msg.text,
          blocks: msg.blocks,
        });
    });
  }

  /** Posts the card for the whole channel, then removes the private copy. */
  async share(msg: BlockKitMessage): Promise<void> {
    const shared = await this.attempt("share", async () => {
      await this.viaResponseUrl({
        response_type: "in_channel",
        replace_original: false,
        text: msg.text,
        blocks: msg.blocks,
      });
    });
    if (!shared) return;
    try {
      await this.viaResponseUrl({ delete_original: true });
    } catch (err) {
      // The answer is shared; a private copy left behind is harmless.
      this.logger.warn({ err }, "could not remove the ephemeral answer after sharing it");
    }
  }

  /** A short ephemeral note in the conversation; the last resort, so its own failure is only logged. */
  async tellPrivately(text: string): Promise<void> {
    const { channel, user, threadTs } = this.to;
    try {
      await this.client.chat.postEphemeral({
        channel,
        user,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text,
      });
    } catch (err) {
      this.logger.error({ err, channel }, "could not tell the user about a failed Slack post");
    }
  }

  private async viaResponseUrl(message: Parameters<RespondFn>[0]): Promise<void> {
    if (!this.to.respond) throw new Error("no response_url in this interaction");
    await this.to.respond(message);
  }

  /** A button's delivery; a failure is logged and the clicker told. */
  private async attempt(what: string, fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      this.logger.error({ err, what }, "could not deliver the result of a Slack button");
      await this.tellClicker(friendlyError(err));
      return false;
    }
  }

  private async tellClicker(text: string): Promise<void> {
    const p = this.to.place;
    if (!p) return;
    if (p.kind === "home") {
      await this.tellPrivately(text);
      return;
    }
    try {
      await this.viaResponseUrl({ response_type: "ephemeral", replace_original: false, text });
    } catch {
      await this.tellPrivately(text || FAILURE_NOTICE);
    }
  }
}
