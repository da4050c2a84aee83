// The quiz's Slack notifier against the fake Web API: the quiz card as a channel message whose ts is the
// reference, the reveal threaded under it, and errors the quiz can act on (permanent or not).

import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPermanentPostError } from "../../src/quiz/index.js";
import type { Notifier } from "../../src/quiz/types.js";
import { createSlackClient } from "../../src/slack/client.js";
import { createSlackNotifier } from "../../src/slack/notifier.js";
import { openStore } from "../../src/store/index.js";
import type { ChannelKey, Store } from "../../src/store/types.js";
import { createPlatformNotifier } from "../../src/wiring/notifiers.js";
import { FakeSlack } from "./fake-slack.js";
import { BOT_TOKEN, textOf } from "./harness.js";
import { checkMessage } from "./limits.js";

const logger = pino({ level: "silent" });
const channel: ChannelKey = { platform: "slack", workspace: "T0TEAM", channel: "C0QUIZ" };
const quiz = {
  quizId: "q-1",
  prompt: "Who owns this: patching the guest operating system of an EC2 instance?",
  choices: ["aws", "customer", "shared"] as const,
  slotDate: "2026-03-02",
  mode: "daily" as const,
};

let fake: FakeSlack;
let store: Store;
beforeAll(async () => {
  fake = await new FakeSlack().start();
  store = await openStore({ sqlitePath: ":memory:", logger });
});
afterAll(async () => {
  await fake?.stop();
  await store?.close();
});

async function roundTrip(notifier: Notifier, ch: ChannelKey) {
  const { messageRef } = await notifier.postQuiz(ch, { ...quiz, choices: [...quiz.choices] });
  const post = await fake.waitForCall(
    (c) => c.method === "chat.postMessage" && c.args.channel === ch.channel,
  );
  expect(messageRef).toBe(post.result?.ts);
  expect(post.args.thread_ts).toBeUndefined();
  expect(checkMessage(post.args)).toEqual([]);
  expect(textOf(post.args.blocks)).toContain("Daily quiz");
  await notifier.postReveal(ch, {
    quizId: "q-1",
    prompt: quiz.prompt,
    correctOwner: "customer",
    explanation: "The guest OS is yours on EC2.",
    answered: 3,
    correctCount: 2,
    messageRef,
  });
  const reveal = await fake.waitForCall(
    (c) => c.method === "chat.postMessage" && c.args.channel === ch.channel && c.args.thread_ts !== undefined,
  );
  expect(reveal.args.thread_ts).toBe(messageRef);
  expect(textOf(reveal.args.blocks)).toContain(":large_blue_square: You (the customer) own this");
}

describe("Slack notifier", () => {
  it("posts the quiz and threads the reveal under it (built on the app's client)", async () => {
    const notifier = createSlackNotifier(
      createSlackClient({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl }),
      logger,
    );
    expect(notifier.platform).toBe("slack");
    await roundTrip(notifier, channel);
  });

  it("is what the wiring's createPlatformNotifier builds from the Slack config (srm-bot quiz post)", async () => {
    const notifier = await createPlatformNotifier("slack", {
      config: {
        slack: { mode: "http", botToken: BOT_TOKEN, signingSecret: "s3cr3t-s3cr3t", apiUrl: fake.apiUrl },
        teams: null,
      },
      store,
      logger,
    });
    await roundTrip(notifier, { ...channel, channel: "C0FROMCONFIG" });
    expect(fake.callsOf("chat.postMessage").every((c) => c.token === BOT_TOKEN)).toBe(true);
  });

  it.each([
    ["not_in_channel", true],
    ["channel_not_found", true],
    ["is_archived", true],
    ["invalid_auth", true],
    ["ratelimited", false],
    ["internal_error", false],
  ])("a post refused with %s is permanent: %s", async (error, permanent) => {
    const notifier = createSlackNotifier(
      createSlackClient({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl }, { retryConfig: { retries: 0 } }),
      logger,
    );
    fake.fail("chat.postMessage", error);
    const err = await notifier
      .postQuiz(channel, { ...quiz, choices: [...quiz.choices] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isPermanentPostError(err)).toBe(permanent);
    expect(String((err as Error).message)).toContain(error);
  });
});
