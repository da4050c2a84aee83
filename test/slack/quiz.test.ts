// The quiz in Slack end to end, with the real quiz service on the real store: /srm quiz …, answer buttons,
// the daily post and its reveal through the Slack notifier, the leaderboard and App Home stats.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import { buttonsOf, type Harness, startHarness, textOf } from "./harness.js";
import { checkMessage } from "./limits.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ quiz: true });
  h.fake.addUser({ id: "U0ALICE", name: "alice", tz: "Europe/Berlin" });
  h.fake.addUser({ id: "U0BOB", name: "bob", tz: "America/New_York" });
  h.fake.addUser({ id: "U0ADMIN", name: "ada", is_admin: true });
});
afterAll(async () => {
  await h?.close();
});

type Btn = ReturnType<typeof buttonsOf>[number];
const answerButtons = (blocks: unknown) =>
  buttonsOf(blocks).filter((b) => parseCardAction(b.value)?.a === "quiz_answer");
const choiceOf = (b: Btn) => {
  const a = parseCardAction(b.value);
  return a?.a === "quiz_answer" ? a.choice : undefined;
};

async function ephemeral(text: string, opts: { user?: string; channel?: string } = {}) {
  const { res, rid } = await h.command(text, opts);
  expect(res.status).toBe(200);
  const r = await h.fake.waitForResponse((x) => x.id === rid);
  expect(r.body.response_type).toBe("ephemeral");
  expect(checkMessage(r.body)).toEqual([]);
  return r.body;
}

describe("practice questions", () => {
  it("/srm quiz shows a question only to the caller; an answer replaces it with the result, once", async () => {
    const card = await ephemeral("quiz", { channel: "C0PRACTICE" });
    const buttons = answerButtons(card.blocks);
    expect(buttons.map(choiceOf)).toEqual(["aws", "customer", "shared"]);
    const pick = buttons[0] as Btn;
    const container = {
      type: "message" as const,
      channel: "C0PRACTICE",
      ts: "1700000000.000321",
      ephemeral: true,
    };
    const first = await h.click({ value: pick.value, actionId: pick.action_id }, container);
    const result = await h.fake.waitForResponse((x) => x.id === first.rid);
    expect(result.body.replace_original).toBe(true);
    expect(textOf(result.body.blocks)).toMatch(/Correct|Not quite/);
    expect(buttonsOf(result.body.blocks).some((b) => parseCardAction(b.value)?.a === "quiz_new")).toBe(true);
    const again = await h.click({ value: pick.value, actionId: pick.action_id }, container);
    const second = await h.fake.waitForResponse((x) => x.id === again.rid);
    expect(textOf(second.body.blocks)).toContain("already answered");
  });

  it("someone else's practice card is not theirs to answer", async () => {
    const card = await ephemeral("quiz", { channel: "C0PRACTICE", user: "U0ALICE" });
    const pick = answerButtons(card.blocks)[1] as Btn;
    const click = await h.click(
      { value: pick.value, actionId: pick.action_id },
      { type: "message", channel: "C0PRACTICE", ts: "1700000000.000322", ephemeral: true },
      { user: "U0BOB" },
    );
    const r = await h.fake.waitForResponse((x) => x.id === click.rid);
    expect(textOf(r.body.blocks)).toContain("can't find that quiz");
  });
});

describe("the daily quiz in a channel", () => {
  const channel = "C0DAILY";

  it("quiz daily / status / stop, with who may change it", async () => {
    expect(textOf((await ephemeral("quiz status", { channel })).blocks)).toContain("No daily quiz");
    expect(textOf((await ephemeral("quiz daily 10:00 weekdays", { channel })).blocks)).toContain(
      "Daily quiz on",
    );
    expect(textOf((await ephemeral("quiz status", { channel })).blocks)).toMatch(/10:00/);
    expect(textOf((await ephemeral("quiz stop", { channel, user: "U0BOB" })).blocks)).toMatch(
      /only the person/,
    );
    expect(textOf((await ephemeral("quiz stop", { channel, user: "U0ADMIN" })).blocks)).toContain("stopped");
    expect(textOf((await ephemeral("quiz daily 25:99", { channel })).blocks)).toContain(":warning:");
  });

  it("quiz now posts for everyone; answers are private; quiz reveal answers in the quiz's thread", async () => {
    const done = await ephemeral("quiz now", { channel });
    expect(textOf(done.blocks)).toMatch(/posted/i);
    const post = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === channel,
    );
    expect(post.args.thread_ts).toBeUndefined();
    expect(checkMessage(post.args)).toEqual([]);
    const buttons = answerButtons(post.args.blocks);
    expect(buttons).toHaveLength(3);

    // Alice and Bob answer on the channel message: each result is ephemeral and the card stays.
    for (const [user, i] of [
      ["U0ALICE", 0],
      ["U0BOB", 1],
    ] as const) {
      const b = buttons[i] as Btn;
      const click = await h.click(
        { value: b.value, actionId: b.action_id },
        { type: "message", channel, ts: "1700000500.000100", ephemeral: false },
        { user },
      );
      const r = await h.fake.waitForResponse((x) => x.id === click.rid);
      expect(r.body.response_type).toBe("ephemeral");
      expect(r.body.replace_original).toBe(false);
      expect(textOf(r.body.blocks)).toMatch(/Correct|Not quite/);
    }
    expect(h.fake.callsOf("chat.update").filter((c) => c.args.channel === channel)).toHaveLength(0);

    const posts = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel).length;
    const reveal = await ephemeral("quiz reveal", { channel });
    expect(textOf(reveal.blocks)).toMatch(/Revealed: the answer was (AWS|Customer|Shared) \(2 answered/);
    // Posted once, by the quiz service through the notifier, threaded under the quiz.
    const threaded = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === channel && c.args.thread_ts !== undefined,
    );
    expect(textOf(threaded.args.blocks)).toContain("Quiz answer");
    expect(textOf(threaded.args.blocks)).toContain("of 2 answered correctly");
    expect(threaded.args.thread_ts).toBe(post.result?.ts);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel).length).toBe(
      posts + 1,
    );
    expect(textOf((await ephemeral("quiz reveal", { channel })).blocks)).toContain("no open quiz");
  });

  it("leaderboard (all time and this week) names the players without pinging them", async () => {
    for (const text of ["leaderboard", "leaderboard week"]) {
      const board = await ephemeral(text, { channel });
      const t = textOf(board.blocks);
      expect(t).toContain("Leaderboard");
      expect(t).toMatch(/alice|bob/);
      expect(JSON.stringify(board)).not.toMatch(/<@U0/);
    }
  });

  it("a mention can run the quiz commands too", async () => {
    const { appMention } = await import("./payloads.js");
    await h.event(appMention("<@U0BOT> leaderboard", { channel }));
    const call = await h.fake.waitForCall(
      (c) =>
        c.method === "chat.postMessage" &&
        c.args.channel === channel &&
        textOf(c.args.blocks).includes("Leaderboard"),
    );
    expect(call.args.thread_ts).toBeDefined();
  });

  it("App Home shows the user's quiz stats", async () => {
    await h.openHome("U0ALICE");
    const call = await h.fake.waitForCall(
      (c) => c.method === "views.publish" && c.args.user_id === "U0ALICE",
    );
    expect(textOf((call.args.view as { blocks: unknown }).blocks)).toMatch(/points · \*\d+\/\d+\* correct/);
  });

  it("a channel the bot is not in gets a clear 'invite me' answer", async () => {
    h.fake.fail("chat.postMessage", "not_in_channel");
    const r = await ephemeral("quiz now", { channel: "C0NOTIN" });
    expect(textOf(r.blocks)).toContain("/invite @srm-bot");
  });
});
