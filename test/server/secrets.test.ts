import { describe, expect, it } from "vitest";
import { slackSignature, startFakeSlack } from "./fake-slack.js";
import { startServer } from "./run-server.js";

const SECRETS = {
  SLACK_BOT_TOKEN: "xoxb-secret-bot-token-0123456789",
  SLACK_SIGNING_SECRET: "secret-signing-value-abcdef012345",
  MICROSOFT_APP_PASSWORD: "secret~teams~password.0123456789",
};

describe("secrets never reach the logs", () => {
  it("at trace level, through start-up, good and bad requests, and shutdown", async () => {
    const fake = await startFakeSlack();
    try {
      const s = await startServer({
        ...SECRETS,
        MICROSOFT_APP_ID: "00000000-1111-2222-3333-444444444444",
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: "trace",
      });
      const leaky = Object.values(SECRETS);
      const bearer = { authorization: `Bearer ${SECRETS.SLACK_BOT_TOKEN}` };

      // Secrets in headers, query strings and bodies of requests that succeed, fail and are refused.
      await fetch(`${s.url}/readyz?token=${SECRETS.SLACK_BOT_TOKEN}`, { headers: bearer });
      await fetch(`${s.url}/nope/${SECRETS.MICROSOFT_APP_PASSWORD}`, { headers: bearer });
      await fetch(`${s.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer },
        body: JSON.stringify({ type: "message", text: SECRETS.MICROSOFT_APP_PASSWORD }),
      });
      await fetch(`${s.url}/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${SECRETS.MICROSOFT_APP_PASSWORD}`,
        },
        body: `{"broken": "${SECRETS.SLACK_SIGNING_SECRET}`,
      });
      const badlySigned = `token=x&command=%2Fsrm&text=${SECRETS.SLACK_BOT_TOKEN}`;
      await fetch(`${s.url}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...slackSignature("not-the-secret", badlySigned),
        },
        body: badlySigned,
      });
      const challenge = JSON.stringify({ type: "url_verification", challenge: SECRETS.SLACK_SIGNING_SECRET });
      await fetch(`${s.url}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...slackSignature(SECRETS.SLACK_SIGNING_SECRET, challenge),
        },
        body: challenge,
      });
      await fetch(`${s.url}/playground/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: `is ${SECRETS.SLACK_BOT_TOKEN} mine?` }),
      });

      const { code } = await s.stop();
      expect(code).toBe(0);
      const output = s.output();
      expect(s.logs().length).toBeGreaterThan(10);
      for (const secret of leaky) expect(output).not.toContain(secret);
      // They were there to leak (the path of the 404, for one): the scrubber replaced them.
      expect(output).toContain("[REDACTED]");
      // The Web API was called with the token: it was used, just never written down.
      expect(fake.calls.some((c) => c.authorization === `Bearer ${SECRETS.SLACK_BOT_TOKEN}`)).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
