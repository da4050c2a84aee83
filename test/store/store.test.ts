import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { ChannelKey, NewQuiz, ScoreUpdater, Store } from "../../src/store/types.js";
import { BACKENDS, makeBackend, skipBackend } from "./backends.js";

const C1: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
const C2: ChannelKey = { platform: "teams", workspace: "tenant-1", channel: "19:abc@thread.tacv2" };

let n = 0;
const quiz = (key: ChannelKey, over: Partial<NewQuiz> = {}): NewQuiz => ({
  ...key,
  id: `quiz-${++n}`,
  questionId: `entry:q${n}`,
  prompt: "Who owns this: patching the guest OS on EC2?",
  correct: "customer",
  explanation: "You run the instance, so you patch it.",
  learnMore: "who patches ec2",
  mode: "daily",
  audience: null,
  slotDate: null,
  postedAt: new Date(Date.UTC(2026, 0, 5, 9, n)),
  ...over,
});

/** 10 points a correct answer, counts kept: enough to see the store applies the updater atomically. */
const tenPerCorrect =
  (correct: boolean): ScoreUpdater =>
  (prev) => ({
    userName: prev?.userName ?? null,
    points: (prev?.points ?? 0) + (correct ? 10 : 0),
    answered: (prev?.answered ?? 0) + 1,
    correct: (prev?.correct ?? 0) + (correct ? 1 : 0),
    streak: correct ? (prev?.streak ?? 0) + 1 : 0,
    bestStreak: Math.max(prev?.bestStreak ?? 0, correct ? (prev?.streak ?? 0) + 1 : 0),
    lastQuizId: null,
  });

describe.each(BACKENDS)("store on %s", (name) => {
  describe.skipIf(skipBackend(name))("", () => {
    const backend = skipBackend(name) ? undefined : makeBackend(name);
    let store: Store;
    beforeEach(async () => {
      store = await (backend as NonNullable<typeof backend>).open();
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it("reports its kind, answers ping and migrates again without harm", async () => {
      expect(store.kind).toBe(name);
      expect(await store.ping()).toBe(true);
      await store.migrate();
      expect(await store.ping()).toBe(true);
    });

    it("counts unanswered questions as text only, collapsing repeats, one report per platform", async () => {
      await store.recordUnanswered("slack", "what about  mainframes?");
      await store.recordUnanswered("slack", " what about mainframes? ");
      await store.recordUnanswered("teams", "what about mainframes?");
      await store.recordUnanswered("slack", "who waters the plants");
      await store.recordUnanswered("slack", "   ");
      await store.recordUnanswered("playground", "anonymous words");
      expect(await store.topUnanswered("slack", 10)).toEqual([
        { question: "what about mainframes?", count: 2 },
        { question: "who waters the plants", count: 1 },
      ]);
      expect(await store.topUnanswered("teams", 10)).toEqual([
        { question: "what about mainframes?", count: 1 },
      ]);
      expect(await store.topUnanswered("slack", 1)).toHaveLength(1);
    });

    it("claims a request once until its claim expires, then once again", async () => {
      const t0 = new Date("2030-01-01T00:00:00Z");
      const later = new Date(t0.getTime() + 60_000);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.claimRequest("slack:event:Ev1", later, t0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claimRequest("slack:event:Ev2", later, t0)).toBe(true);
      expect(await store.claimRequest("slack:event:Ev1", later, new Date(t0.getTime() + 59_000))).toBe(false);
      const after = new Date(later.getTime() + 1);
      const again = await Promise.all(
        Array.from({ length: 4 }, () =>
          store.claimRequest("slack:event:Ev1", new Date(after.getTime() + 60_000), after),
        ),
      );
      expect(again.filter(Boolean)).toHaveLength(1);
    });

    it("counts a voter's feedback once per answer, and votes without a voter every time", async () => {
      const vote = { platform: "teams" as const, target: "s3-bucket-policy", question: "s3 policy?" };
      expect(await store.recordFeedback({ ...vote, helpful: false, voter: "t\u0000u1" })).toBe(true);
      expect(await store.recordFeedback({ ...vote, helpful: true, voter: "t\u0000u1" })).toBe(false);
      expect(await store.recordFeedback({ ...vote, helpful: false, voter: "t\u0000u2" })).toBe(true);
      expect(await store.recordFeedback({ ...vote, helpful: false })).toBe(true);
      const rows = await store.topUnhelpful("teams", 50);
      expect(rows.find((r) => r.target === vote.target)?.count).toBe(3);
    });

    it("groups unhelpful feedback by target and question", async () => {
      await store.recordFeedback({
        platform: "slack",
        target: "rds-os-patching",
        question: "rds os?",
        helpful: false,
      });
      await store.recordFeedback({
        platform: "teams",
        target: "rds-os-patching",
        question: "rds os?",
        helpful: false,
      });
      await store.recordFeedback({
        platform: "slack",
        target: "rds-os-patching",
        question: "rds os?",
        helpful: true,
      });
      await store.recordFeedback({ platform: "slack", target: "help", question: "huh", helpful: false });
      await store.recordFeedback({ platform: "slack", target: "help", question: "huh", helpful: false });
      await store.recordFeedback({ platform: "playground", target: "help", question: "x", helpful: false });
      expect(await store.topUnhelpful("slack", 10)).toEqual([
        { target: "help", question: "huh", count: 2 },
        { target: "rds-os-patching", question: "rds os?", count: 1 },
      ]);
      expect(await store.topUnhelpful("teams", 10)).toEqual([
        { target: "rds-os-patching", question: "rds os?", count: 1 },
      ]);
    });

    it("keeps Teams conversation references as JSON, replacing older ones", async () => {
      expect(await store.getConversationRef(C2)).toBeNull();
      await store.saveConversationRef(C2, { conversation: { id: C2.channel }, serviceUrl: "https://x/1" });
      await store.saveConversationRef(C2, { conversation: { id: C2.channel }, serviceUrl: "https://x/2" });
      expect(await store.getConversationRef(C2)).toEqual({
        conversation: { id: C2.channel },
        serviceUrl: "https://x/2",
      });
      expect(await store.getConversationRef(C1)).toBeNull();
    });

    it("saves, replaces, pauses, lists and deletes subscriptions", async () => {
      const at = new Date("2026-01-05T08:00:00.000Z");
      await store.saveSubscription({
        ...C1,
        time: "09:00",
        timezone: "UTC",
        days: "weekdays",
        createdBy: "U1",
        paused: false,
        updatedAt: at,
      });
      await store.saveSubscription({
        ...C1,
        time: "10:30",
        timezone: "Europe/Paris",
        days: "daily",
        createdBy: "U1",
        paused: false,
      });
      await store.saveSubscription({
        ...C2,
        time: "08:00",
        timezone: "UTC",
        days: "weekdays",
        createdBy: "A",
        paused: false,
      });
      const got = await store.getSubscription(C1);
      expect(got).toMatchObject({
        ...C1,
        time: "10:30",
        timezone: "Europe/Paris",
        days: "daily",
        paused: false,
      });
      expect(got?.updatedAt?.getTime()).toBeGreaterThan(at.getTime());
      await store.setSubscriptionPaused(C1, true, "channel_not_found");
      expect(await store.getSubscription(C1)).toMatchObject({
        paused: true,
        pausedReason: "channel_not_found",
      });
      expect((await store.listSubscriptions()).map((s) => s.channel)).toEqual([C1.channel, C2.channel]);
      expect(await store.deleteSubscription(C1)).toBe(true);
      expect(await store.deleteSubscription(C1)).toBe(false);
      expect(await store.getSubscription(C1)).toBeNull();
    });

    it("lets one claimant take a daily slot; a stale claim is taken over, a posted one never", async () => {
      const t0 = new Date("2026-01-05T09:00:00.000Z");
      const claim = (claimant: string, now: Date, staleBefore = new Date(now.getTime() - 10 * 60_000)) =>
        store.claimSlot({ ...C1, slotDate: "2026-01-05", claimant, now, staleBefore });
      expect(await claim("a", t0)).toBe(true);
      expect(await claim("b", t0)).toBe(false);
      expect(await store.getSlot(C1, "2026-01-05")).toEqual({ status: "claimed", quizId: null });
      // "a" died mid-post: 11 minutes later "b" takes the slot over.
      expect(await claim("b", new Date(t0.getTime() + 11 * 60_000))).toBe(true);
      // "a"'s late release does not free b's claim.
      await store.releaseSlot(C1, "2026-01-05", "a");
      expect(await claim("c", new Date(t0.getTime() + 12 * 60_000))).toBe(false);
      await store.completeSlot(C1, "2026-01-05", "quiz-x");
      expect(await store.getSlot(C1, "2026-01-05")).toEqual({ status: "posted", quizId: "quiz-x" });
      expect(await claim("d", new Date(t0.getTime() + 600 * 60_000))).toBe(false);
      // A released claim can be claimed again.
      expect(
        await store.claimSlot({ ...C1, slotDate: "2026-01-06", claimant: "a", now: t0, staleBefore: t0 }),
      ).toBe(true);
      await store.releaseSlot(C1, "2026-01-06", "a");
      expect(await store.getSlot(C1, "2026-01-06")).toBeNull();
      expect(
        await store.claimSlot({ ...C1, slotDate: "2026-01-06", claimant: "b", now: t0, staleBefore: t0 }),
      ).toBe(true);
    });

    it("gives concurrent claims of one slot to exactly one claimant", async () => {
      const now = new Date("2026-01-05T09:00:00.000Z");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.claimSlot({
            ...C1,
            slotDate: "2026-02-01",
            claimant: `r${i}`,
            now,
            staleBefore: new Date(0),
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("stores quizzes, their message refs, order, history and closes open ones", async () => {
      const q1 = await store.insertQuiz(quiz(C1, { slotDate: "2026-01-05" }));
      const q2 = await store.insertQuiz(quiz(C1));
      const p1 = await store.insertQuiz(quiz(C1, { mode: "practice", audience: "U1" }));
      await store.insertQuiz(quiz(C2));
      expect(q2.seq).toBeGreaterThan(q1.seq);
      await store.setQuizMessageRef(q1.id, "1700000000.000100");
      const got = await store.getQuiz(q1.id);
      expect(got).toMatchObject({
        ...C1,
        id: q1.id,
        slotDate: "2026-01-05",
        correct: "customer",
        messageRef: "1700000000.000100",
        revealedAt: null,
        mode: "daily",
        audience: null,
        learnMore: "who patches ec2",
      });
      expect(got?.postedAt).toEqual(q1.postedAt);
      expect(await store.getQuiz("nope")).toBeNull();
      expect((await store.getSlotQuiz(C1, "2026-01-05"))?.id).toBe(q1.id);
      expect(await store.getSlotQuiz(C1, "2026-01-06")).toBeNull();
      expect(await store.getSlotQuiz(C2, "2026-01-05")).toBeNull();
      expect((await store.previousChannelQuiz(C1))?.id).toBe(q2.id);
      expect((await store.previousChannelQuiz(C1, q2.seq))?.id).toBe(q1.id);
      expect(await store.previousChannelQuiz(C1, q1.seq)).toBeNull();

      await store.recordAnswer(
        { quizId: q1.id, user: "U1", userName: "Ann", choice: "aws", correct: false, answeredAt: new Date() },
        tenPerCorrect(false),
      );
      await store.recordAnswer(
        {
          quizId: q1.id,
          user: "U2",
          userName: null,
          choice: "customer",
          correct: true,
          answeredAt: new Date(),
        },
        tenPerCorrect(true),
      );
      const history = await store.quizHistory(C1, null, 10);
      expect(history.map((h) => [h.quizId, h.answered, h.correctCount])).toEqual([
        [q1.id, 2, 1],
        [q2.id, 0, 0],
      ]);
      expect((await store.quizHistory(C1, null, 1)).map((h) => h.quizId)).toEqual([q2.id]);
      expect((await store.quizHistory(C1, "U1", 10)).map((h) => h.quizId)).toEqual([p1.id]);
      expect(await store.quizHistory(C1, "U2", 10)).toEqual([]);

      const now = new Date("2026-01-06T09:00:00.000Z");
      const closed = await store.closeOpenQuizzes(C1, now);
      expect(closed.map((q) => q.id)).toEqual([q2.id, q1.id]);
      expect(closed[0]?.revealedAt).toEqual(now);
      expect(await store.closeOpenQuizzes(C1, now)).toEqual([]);
      expect((await store.getQuiz(p1.id))?.revealedAt).toBeNull();

      await store.deleteQuiz(q1.id);
      expect(await store.getQuiz(q1.id)).toBeNull();
      expect(await store.quizResults(q1.id)).toEqual({ answered: 0, correctCount: 0 });
    });

    it("counts a user's first answer only and updates the score in the same transaction", async () => {
      const q = await store.insertQuiz(quiz(C1));
      const first = await store.recordAnswer(
        {
          quizId: q.id,
          user: "U1",
          userName: "Ann",
          choice: "customer",
          correct: true,
          answeredAt: new Date(),
        },
        tenPerCorrect(true),
      );
      expect(first).toMatchObject({
        status: "recorded",
        score: { user: "U1", userName: "Ann", points: 10, streak: 1 },
      });
      const again = await store.recordAnswer(
        { quizId: q.id, user: "U1", userName: "Ann", choice: "aws", correct: false, answeredAt: new Date() },
        tenPerCorrect(false),
      );
      expect(again).toEqual({ status: "already_answered", choice: "customer", correct: true });
      expect(
        await store.recordAnswer(
          {
            quizId: "missing",
            user: "U1",
            userName: null,
            choice: "aws",
            correct: false,
            answeredAt: new Date(),
          },
          tenPerCorrect(false),
        ),
      ).toEqual({ status: "not_found" });
      expect(await store.quizResults(q.id)).toEqual({ answered: 1, correctCount: 1 });
      expect(await store.userStats("slack", "U1")).toEqual({
        user: "U1",
        userName: "Ann",
        points: 10,
        answered: 1,
        correct: 1,
        streak: 1,
        bestStreak: 1,
      });
      expect(await store.userStats("teams", "U1")).toBeNull();
    });

    it("records each of 50 concurrent answers to one quiz exactly once", async () => {
      const q = await store.insertQuiz(quiz(C1));
      const users = Array.from({ length: 50 }, (_, i) => `U${i}`);
      // Every user clicks twice at once; only one of each pair may count.
      const results = await Promise.all(
        [...users, ...users].map((user, i) =>
          store.recordAnswer(
            {
              quizId: q.id,
              user,
              userName: null,
              choice: "customer",
              correct: i % 2 === 0,
              answeredAt: new Date(),
            },
            tenPerCorrect(i % 2 === 0),
          ),
        ),
      );
      expect(results.filter((r) => r.status === "recorded")).toHaveLength(50);
      expect(results.filter((r) => r.status === "already_answered")).toHaveLength(50);
      const board = await store.leaderboard(C1, null, 100);
      expect(board).toHaveLength(50);
      expect(board.every((r) => r.answered === 1)).toBe(true);
      expect((await store.quizResults(q.id)).answered).toBe(50);
    });

    it("ranks the all-time and the weekly leaderboard per channel", async () => {
      const old = new Date("2026-01-01T10:00:00.000Z");
      const recent = new Date("2026-01-10T10:00:00.000Z");
      const answer = async (user: string, correct: boolean, at: Date, key = C1) => {
        const q = await store.insertQuiz(quiz(key));
        await store.recordAnswer(
          { quizId: q.id, user, userName: user.toLowerCase(), choice: "aws", correct, answeredAt: at },
          tenPerCorrect(correct),
        );
      };
      await answer("A", true, old);
      await answer("A", true, old);
      await answer("B", true, recent);
      await answer("A", false, recent);
      await answer("C", true, recent, C2);
      const all = await store.leaderboard(C1, null, 10);
      expect(all.map((r) => [r.user, r.points, r.answered, r.correct, r.streak, r.bestStreak])).toEqual([
        ["A", 20, 3, 2, 0, 2],
        ["B", 10, 1, 1, 1, 1],
      ]);
      const week = await store.leaderboard(C1, new Date("2026-01-08T00:00:00.000Z"), 10);
      expect(week.map((r) => [r.user, r.userName, r.points, r.answered, r.correct])).toEqual([
        ["B", "b", 10, 1, 1],
        ["A", "a", 0, 1, 0],
      ]);
      expect(await store.leaderboard(C1, null, 1)).toHaveLength(1);
      expect((await store.leaderboard(C2, null, 10)).map((r) => r.user)).toEqual(["C"]);
    });
  });
});
