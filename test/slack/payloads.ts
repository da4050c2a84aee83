// Request bodies shaped like the ones Slack really sends (Events API envelopes, slash-command form bodies,
// block_actions payloads), and the v0 signature Slack puts on each request.

import { createHmac } from "node:crypto";

export const TEAM = "T0TEAM";
export const APP = "A0APP";
export const BOT_USER = "U0BOT";

let seq = 0;
function nextTs(): string {
  seq += 1;
  return `1700000${String(seq).padStart(3, "0")}.000${String(seq).padStart(3, "0")}`;
}

/** Slack's signature: v0=HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>"), hex. */
export function slackSignature(secret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POSTs a body to a server's `/slack/events`, signed at this moment with `secret` as Slack signs it. */
export function postSigned(
  baseUrl: string,
  secret: string,
  body: string,
  contentType: string | null = "application/x-www-form-urlencoded",
): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    body,
    headers: {
      ...(contentType ? { "content-type": contentType } : {}),
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(secret, ts, body),
    },
  });
}

export function envelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++seq}`) {
  return {
    token: "legacy-verification-token",
    team_id: TEAM,
    context_team_id: TEAM,
    api_app_id: APP,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6ImFwcF9tZW50aW9uIn0-${seq}`,
  };
}

export function appMention(text: string, opts: { user?: string; channel?: string; threadTs?: string } = {}) {
  const ts = nextTs();
  return {
    client_msg_id: `c0ffee00-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    type: "app_mention",
    text,
    user: opts.user ?? "U0ALICE",
    ts,
    team: TEAM,
    channel: opts.channel ?? "C0GENERAL",
    event_ts: ts,
    ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    blocks: [
      {
        type: "rich_text",
        block_id: "b1",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
      },
    ],
  };
}

export function directMessage(
  text: string,
  opts: { user?: string; channel?: string; extra?: Record<string, unknown> } = {},
) {
  const ts = nextTs();
  return {
    client_msg_id: `d00dfeed-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    type: "message",
    text,
    user: opts.user ?? "U0ALICE",
    ts,
    team: TEAM,
    channel: opts.channel ?? "D0ALICE",
    event_ts: ts,
    channel_type: "im",
    ...opts.extra,
  };
}

export function appHomeOpened(user: string, channel = "D0ALICE") {
  return { type: "app_home_opened", user, channel, tab: "home", event_ts: nextTs() };
}

export function slashCommand(
  text: string,
  responseUrl: string,
  opts: { user?: string; channel?: string; command?: string } = {},
): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM,
    team_domain: "example",
    channel_id: opts.channel ?? "C0GENERAL",
    channel_name: "general",
    user_id: opts.user ?? "U0ALICE",
    user_name: "alice",
    command: opts.command ?? "/srm",
    text,
    api_app_id: APP,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `1337.42.${nextTs()}`,
  }).toString();
}

export type Container =
  | { type: "message"; channel: string; ts: string; ephemeral: boolean }
  | { type: "view"; viewId: string; privateMetadata: string };

export interface ClickedButton {
  value: string;
  actionId: string;
  text?: string;
}

/** A block_actions interaction as Slack posts it: form body with one `payload` field. */
export function blockActions(
  button: ClickedButton,
  container: Container,
  opts: { user?: string; responseUrl?: string } = {},
): string {
  const user = opts.user ?? "U0ALICE";
  const action = {
    type: "button",
    block_id: "blk",
    action_id: button.actionId,
    text: { type: "plain_text", text: button.text ?? "Button", emoji: true },
    value: button.value,
    action_ts: nextTs(),
  };
  const common = {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: APP,
    token: "legacy-verification-token",
    trigger_id: `1337.42.${nextTs()}`,
    team: { id: TEAM, domain: "example" },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [action],
  };
  const payload =
    container.type === "view"
      ? {
          ...common,
          container: { type: "view", view_id: container.viewId },
          view: {
            id: container.viewId,
            team_id: TEAM,
            type: "home",
            blocks: [],
            private_metadata: container.privateMetadata,
            callback_id: "",
            state: { values: {} },
            hash: "1700000000.abc",
            title: { type: "plain_text", text: "View Title", emoji: true },
            app_id: APP,
            bot_id: "B0BOT",
          },
        }
      : {
          ...common,
          container: {
            type: "message",
            message_ts: container.ts,
            channel_id: container.channel,
            is_ephemeral: container.ephemeral,
          },
          channel: {
            id: container.channel,
            name: container.channel.startsWith("D") ? "directmessage" : "general",
          },
          ...(container.ephemeral
            ? {}
            : {
                message: {
                  type: "message",
                  user: BOT_USER,
                  ts: container.ts,
                  bot_id: "B0BOT",
                  text: "answer",
                  blocks: [],
                },
              }),
          response_url: opts.responseUrl,
        };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
