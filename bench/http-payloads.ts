// Request bodies shaped like the ones Slack and Teams send, built one per request by the load generator:
// every Slack request is signed with a fresh timestamp, every event has its own id, every question differs.

import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "bench-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-bench-0000-token";
export const TEAM = "T0BENCH";

export interface Built {
  body: string;
  headers: Record<string, string>;
}

/** Slack's v0 signature over "v0:<timestamp>:<raw body>", with the timestamp of this very second. */
export function signed(body: string, contentType: string, secret = SIGNING_SECRET): Built {
  const ts = Math.floor(Date.now() / 1000);
  const sig = createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");
  return {
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": `v0=${sig}`,
    },
  };
}

export function slashCommand(i: number, text: string, responseUrl: string): Built {
  const body = new URLSearchParams({
    token: "legacy",
    team_id: TEAM,
    team_domain: "bench",
    channel_id: "C0BENCH",
    channel_name: "bench",
    user_id: `U${String(i % 500).padStart(6, "0")}`,
    user_name: "bench",
    command: "/srm",
    text,
    api_app_id: "A0BENCH",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `1337.42.${i}`,
  }).toString();
  return signed(body, "application/x-www-form-urlencoded");
}

export function appMention(i: number, text: string, runId: string): Built {
  const ts = `1700000000.${String(i).padStart(6, "0")}`;
  const body = JSON.stringify({
    token: "legacy",
    team_id: TEAM,
    api_app_id: "A0BENCH",
    type: "event_callback",
    event_id: `Ev${runId}${i}`,
    event_time: 1_700_000_000,
    event: {
      type: "app_mention",
      user: `U${String(i % 500).padStart(6, "0")}`,
      text: `<@U0BOT> ${text}`,
      ts,
      channel: "C0BENCH",
      event_ts: ts,
    },
    authorizations: [{ team_id: TEAM, user_id: "U0BOT", is_bot: true }],
  });
  return signed(body, "application/json");
}

/** A click on a quiz button of a channel quiz, by a distinct user each time. */
export function quizClick(i: number, quizId: string, responseUrl: string): Built {
  const user = `UQ${String(i).padStart(7, "0")}`;
  const choice = ["aws", "customer", "shared"][i % 3];
  const payload = {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: "A0BENCH",
    token: "legacy",
    trigger_id: `1337.43.${i}`,
    team: { id: TEAM, domain: "bench" },
    container: {
      type: "message",
      message_ts: "1700000001.000100",
      channel_id: "C0BENCH",
      is_ephemeral: false,
    },
    channel: { id: "C0BENCH", name: "bench" },
    message: { type: "message", user: "U0BOT", ts: "1700000001.000100", text: "quiz", blocks: [] },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        block_id: "quiz",
        action_id: `srm:${i % 3}`,
        text: { type: "plain_text", text: choice },
        value: JSON.stringify({ a: "quiz_answer", quiz: quizId, choice }),
        action_ts: `1700000002.${i}`,
      },
    ],
  };
  return signed(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
  );
}

/** A Teams message in a personal chat (no @mention needed), replies going to `serviceUrl`. */
export function teamsMessage(i: number, text: string, serviceUrl: string): Built {
  const body = JSON.stringify({
    type: "message",
    id: `bench-${i}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: `29:bench-user-${i % 500}`, name: "Bench User", aadObjectId: `aad-${i % 500}` },
    conversation: { conversationType: "personal", tenantId: "bench-tenant", id: `a:bench-${i % 500}` },
    recipient: { id: "28:srm-bot-local", name: "srm-bot" },
    text,
    textFormat: "plain",
    locale: "en-US",
    channelData: { tenant: { id: "bench-tenant" } },
  });
  return { body, headers: { "content-type": "application/json" } };
}

export function playgroundAsk(text: string): Built {
  return { body: JSON.stringify({ text }), headers: { "content-type": "application/json" } };
}
