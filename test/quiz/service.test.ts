import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createQuizService, type QuizRuntime } from "../../src/quiz/index.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { BACKENDS, makeBackend, silentLogger, skipBackend } from "../store/backends.js";
import { admin, alice, bob, CHANNEL, FakeClock, KB, POOL_SIZE, RecordingNotifier } from "./fixtures.js";

describe.each(BACKENDS)("quiz service on %s", (name) => {
  describe.skipIf(skipBackend(name))("", () => {
    const backend = skipBackend(name) ? undefined : makeBackend(name);
    let store: Store;
    let clock: FakeClock;
    let notifier: RecordingNotifier;
    let quiz: QuizRuntime;
    beforeEach(async () => {
      store = await (backend as NonNullable<typeof backend>).open();
      clock = new FakeClock("2026-01-05T08:00:00Z"); // Monday
      notifier = new RecordingNotifier("slack", clock);
      quiz = createQuizService({
        store,
        kb: KB,
        notifiers: [notifier],
        clock,
        seed: 1,
        logger: silentLogger,
      });
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it("posts a quiz through the notifier and reveals it, threaded, when the next one is posted", async () => {
      const first = await quiz.postNow(CHANNEL);
      expect(first).toMatchObject({ choices: ["aws", "customer", "shared"], slotDate: null, mode: "daily" });
      expect(notifier.quizzes).toHaveLength(1);
      expect(notifier.quizzes[0]?.quiz).toEqual(first);
      const stored = await store.getQuiz(first.quizId);
      expect(stored?.messageRef).toBe("ts-1");

      const wrong = stored?.correct === "aws" ? "customer" : "aws";
      await quiz.answer(first.quizId, alice, stored?.correct ?? "aws");
      await quiz.answer(first.quizId, bob, wrong);
      clock.advance(60);
      const second = await quiz.postNow(CHANNEL);
      expect(second.quizId).not.toBe(first.quizId);
      expect(notifier.reveals).toEqual([
        {
          channel: CHANNEL,
          reveal: {
            quizId: first.quizId,
            prompt: first.prompt,
            correctOwner: stored?.correct,
            explanation: stored?.explanation,
            answered: 2,
            correctCount: 1,
            messageRef: "ts-1",
          },
        },
      ]);
      // An explicit reveal closes the second one; nothing is left open after that.
      const revealed = await quiz.reveal(CHANNEL);
      expect(revealed).toMatchObject({ quizId: second.quizId, messageRef: "ts-2", answered: 0 });
      expect(notifier.reveals).toHaveLength(2);
      expect(await quiz.reveal(CHANNEL)).toBeNull();
      expect(await quiz.answer(second.quizId, alice, "aws")).toMatchObject({ status: "closed" });
    });

    it("records the first answer, with explanation, points and streak, and refuses later ones", async () => {
      const card = await quiz.postNow(CHANNEL);
      const q = await store.getQuiz(card.quizId);
      if (!q) throw new Error("quiz not stored");
      const outcome = await quiz.answer(card.quizId, alice, q.correct);
      expect(outcome).toEqual({
        status: "recorded",
        correct: true,
        correctOwner: q.correct,
        explanation: q.explanation,
        learnMore: q.learnMore,
        points: 10,
        earned: 10,
        streak: 1,
      });
      const other = q.correct === "shared" ? "aws" : "shared";
      expect(await quiz.answer(card.quizId, alice, other)).toMatchObject({
        status: "already_answered",
        correct: true,
      });
      expect(await quiz.answer(card.quizId, bob, other)).toMatchObject({
        status: "recorded",
        correct: false,
        points: 0,
        earned: 0,
        streak: 0,
        correctOwner: q.correct,
      });
      expect(await quiz.answer("no-such-quiz", bob, "aws")).toEqual({ status: "not_found" });
      expect(await store.quizResults(card.quizId)).toEqual({ answered: 2, correctCount: 1 });
    });

    it("records each of 50 people answering at once exactly once", async () => {
      const card = await quiz.postNow(CHANNEL);
      const users = Array.from({ length: 50 }, (_, i) => ({ user: `U${i}`, isAdmin: false }));
      const outcomes = await Promise.all(
        [...users, ...users].map((u, i) => quiz.answer(card.quizId, u, i % 3 === 0 ? "aws" : "customer")),
      );
      expect(outcomes.filter((o) => o.status === "recorded")).toHaveLength(50);
      expect(outcomes.filter((o) => o.status === "already_answered")).toHaveLength(50);
      expect((await store.quizResults(card.quizId)).answered).toBe(50);
      expect((await quiz.leaderboard(CHANNEL, "all")).rows.length).toBe(10);
    });

    it("counts a streak over consecutive channel quizzes; a skip restarts it, a miss ends it", async () => {
      const post = async () => {
        clock.advance(24 * 60);
        const card = await quiz.postNow(CHANNEL);
        return (await store.getQuiz(card.quizId)) as NonNullable<Awaited<ReturnType<Store["getQuiz"]>>>;
      };
      const right = async () => {
        const q = await post();
        return quiz.answer(q.id, alice, q.correct);
      };
      expect((await right()).streak).toBe(1);
      expect((await right()).streak).toBe(2);
      expect((await right()).streak).toBe(3);
      await post(); // alice skips this one
      expect((await right()).streak).toBe(1);
      const q = await post();
      expect((await quiz.answer(q.id, alice, q.correct === "aws" ? "customer" : "aws")).streak).toBe(0);
      expect((await right()).streak).toBe(1);
      // Practice scores half and leaves the streak alone.
      const practice = await quiz.practice(CHANNEL, alice);
      const pq = await store.getQuiz(practice.quizId);
      const p = await quiz.answer(practice.quizId, alice, pq?.correct ?? "aws");
      expect(p).toMatchObject({ status: "recorded", earned: 5, streak: 1 });
      const stats = await quiz.userStats("slack", alice.user);
      expect(stats).toEqual({
        user: alice.user,
        userName: "alice",
        points: 5 * 10 + 5,
        answered: 7,
        correct: 6,
        streak: 1,
        bestStreak: 3,
      });
      expect(await quiz.userStats("slack", "U_NOBODY")).toBeNull();
    });

    it("keeps practice questions to the person who asked, without repeats until the pool is used", async () => {
      const seen: string[] = [];
      for (let i = 0; i < POOL_SIZE; i++) {
        const card = await quiz.practice(CHANNEL, alice);
        expect(card.mode).toBe("practice");
        const q = await store.getQuiz(card.quizId);
        seen.push(q?.questionId ?? "");
      }
      expect(new Set(seen).size).toBe(POOL_SIZE);
      expect(notifier.quizzes).toHaveLength(0);
      const card = await quiz.practice(CHANNEL, alice);
      expect(await quiz.answer(card.quizId, bob, "aws")).toEqual({ status: "not_found" });
      // Practice is not revealed by channel posts.
      await quiz.postNow(CHANNEL);
      await quiz.postNow(CHANNEL);
      expect(await quiz.answer(card.quizId, alice, "aws")).toMatchObject({ status: "recorded" });
    });

    it("does not repeat channel questions until every one was asked, and is repeatable with a seed", async () => {
      const order = async (q: QuizRuntime) => {
        const ids: string[] = [];
        for (let i = 0; i < POOL_SIZE; i++) {
          const card = await q.postNow(CHANNEL);
          ids.push((await store.getQuiz(card.quizId))?.questionId ?? "");
        }
        return ids;
      };
      const a = await order(quiz);
      expect(new Set(a).size).toBe(POOL_SIZE);
      const other = await (backend as NonNullable<typeof backend>).open();
      const again = createQuizService({
        store: other,
        kb: KB,
        notifiers: [notifier],
        clock,
        seed: 1,
        logger: silentLogger,
      });
      const b = [];
      for (let i = 0; i < POOL_SIZE; i++) {
        const card = await again.postNow(CHANNEL);
        b.push((await other.getQuiz(card.quizId))?.questionId ?? "");
      }
      expect(b).toEqual(a);
    });

    it("brings a question the channel got wrong back after three other quizzes", async () => {
      const first = await quiz.postNow(CHANNEL);
      const q = await store.getQuiz(first.quizId);
      const wrong = q?.correct === "aws" ? "customer" : "aws";
      await quiz.answer(first.quizId, alice, wrong);
      await quiz.answer(first.quizId, bob, wrong);
      await quiz.answer(first.quizId, admin, q?.correct ?? "aws");
      const next: string[] = [];
      for (let i = 0; i < 4; i++) {
        const card = await quiz.postNow(CHANNEL);
        next.push((await store.getQuiz(card.quizId))?.questionId ?? "");
      }
      expect(next.slice(0, 3)).not.toContain(q?.questionId);
      expect(next[3]).toBe(q?.questionId);
    });

    it("lets only the subscriber or an admin change or stop the daily quiz", async () => {
      expect((await quiz.status(CHANNEL)).message).toMatch(/^No daily quiz in this channel/);
      const on = await quiz.subscribe(CHANNEL, alice, []);
      expect(on).toEqual({
        ok: true,
        message:
          "Daily quiz on: 09:00 Europe/Paris, Monday to Friday. Next quiz: Tuesday 6 January at 09:00 (Europe/Paris).",
      });
      expect(await store.getSubscription(CHANNEL)).toMatchObject({
        createdBy: alice.user,
        timezone: "Europe/Paris",
      });

      const refused = await quiz.subscribe(CHANNEL, bob, ["07:00"]);
      expect(refused.ok).toBe(false);
      expect(refused.message).toMatch(
        /only the person who set up this channel's daily quiz, or a workspace admin/,
      );
      expect((await quiz.unsubscribe(CHANNEL, bob)).ok).toBe(false);
      expect(await store.getSubscription(CHANNEL)).toMatchObject({ time: "09:00" });

      const changed = await quiz.subscribe(CHANNEL, admin, ["17:45", "America/New_York", "every", "day"]);
      expect(changed).toMatchObject({
        ok: true,
        message: expect.stringMatching(/^Daily quiz updated: 17:45 America\/New_York, every day\./),
      });
      expect(await store.getSubscription(CHANNEL)).toMatchObject({ createdBy: alice.user, days: "daily" });
      expect((await quiz.status(CHANNEL)).message).toBe(
        "Daily quiz: 17:45 America/New_York, every day. Next quiz: Monday 5 January at 17:45 (America/New_York).",
      );

      const bad = await quiz.subscribe(CHANNEL, alice, ["25:61"]);
      expect(bad.ok).toBe(false);
      expect(bad.message).toMatch(/not a time of day/);

      expect(await quiz.unsubscribe(CHANNEL, alice)).toMatchObject({
        ok: true,
        message: expect.stringMatching(/stopped/),
      });
      expect(await store.getSubscription(CHANNEL)).toBeNull();
      expect(await quiz.unsubscribe(CHANNEL, alice)).toEqual({
        ok: false,
        message: "There is no daily quiz in this channel.",
      });
      // Bob may set up his own now, without a time zone from the platform: UTC.
      expect((await quiz.subscribe(CHANNEL, bob, ["08:30"])).message).toMatch(/08:30 UTC/);
    });

    it("applies operator subscriptions once; only admins may stop them", async () => {
      await quiz.applySubscriptions("slack:T1:C1@09:30/Europe/Paris/weekdays");
      const first = await store.getSubscription(CHANNEL);
      expect(first).toMatchObject({ createdBy: "config", time: "09:30", timezone: "Europe/Paris" });
      clock.advance(60);
      await quiz.applySubscriptions([
        { ...CHANNEL, time: "09:30", timezone: "Europe/Paris", days: "weekdays" },
      ]);
      expect((await store.getSubscription(CHANNEL))?.updatedAt).toEqual(first?.updatedAt);
      const refused = await quiz.unsubscribe(CHANNEL, alice);
      expect(refused).toMatchObject({
        ok: false,
        message: expect.stringMatching(/set by the bot's configuration/),
      });
      expect((await quiz.unsubscribe(CHANNEL, admin)).ok).toBe(true);
      await expect(quiz.applySubscriptions("slack:T1")).rejects.toThrow(/Invalid quiz subscription list/);
    });

    it("ranks this week's answers and all-time scores", async () => {
      const answerRight = async (who: typeof alice | typeof bob) => {
        const card = await quiz.postNow(CHANNEL);
        const q = await store.getQuiz(card.quizId);
        await quiz.answer(card.quizId, who, q?.correct ?? "aws");
      };
      await answerRight(alice);
      await answerRight(alice);
      clock.advance(8 * 24 * 60);
      await answerRight(bob);
      const week = await quiz.leaderboard(CHANNEL, "week");
      expect(week.period).toBe("week");
      expect(week.rows.map((r) => [r.user, r.points])).toEqual([[bob.user, 10]]);
      const all = await quiz.leaderboard(CHANNEL, "all");
      expect(all.rows.map((r) => [r.user, r.points, r.bestStreak])).toEqual([
        [alice.user, 20, 2],
        [bob.user, 10, 1],
      ]);
      expect(await quiz.leaderboard({ ...CHANNEL, channel: "C_OTHER" }, "all")).toEqual({
        period: "all",
        rows: [],
      });
    });

    it("refuses to post where no notifier is registered, and accepts one registered later", async () => {
      const teams = { platform: "teams" as const, workspace: "tenant", channel: "19:x@thread.tacv2" };
      await expect(quiz.postNow(teams)).rejects.toThrow(/no notifier is registered/);
      const teamsNotifier = new RecordingNotifier("teams");
      quiz.registerNotifier(teamsNotifier);
      await quiz.postNow(teams);
      expect(teamsNotifier.quizzes).toHaveLength(1);
    });
  });
});

describe("quiz service when the database fails", () => {
  let store: Store;
  afterEach(async () => {
    await store.close().catch(() => {});
  });

  it("answers 'unavailable' instead of throwing", async () => {
    store = await openStore({ sqlitePath: ":memory:", logger: silentLogger });
    const quiz = createQuizService({
      store,
      kb: KB,
      notifiers: [new RecordingNotifier()],
      seed: 1,
      logger: silentLogger,
    });
    const card = await quiz.postNow(CHANNEL);
    await store.close();
    expect(await quiz.answer(card.quizId, alice, "aws")).toEqual({ status: "unavailable" });
  });
});
