import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createQuizService, QuizPostError, type QuizRuntime } from "../../src/quiz/index.js";
import type { ChannelKey, Store, Subscription } from "../../src/store/types.js";
import { BACKENDS, makeBackend, silentLogger, skipBackend } from "../store/backends.js";
import { alice, CHANNEL, FakeClock, KB, RecordingNotifier } from "./fixtures.js";

const sub = (over: Partial<Subscription> & ChannelKey): Subscription => ({
  time: "09:00",
  timezone: "Europe/Paris",
  days: "weekdays",
  createdBy: "U_ALICE",
  paused: false,
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  ...over,
});

describe.each(BACKENDS)("quiz scheduler on %s", (name) => {
  describe.skipIf(skipBackend(name))("", () => {
    const backend = skipBackend(name) ? undefined : makeBackend(name);
    let store: Store;
    let clock: FakeClock;
    let notifier: RecordingNotifier;
    let services: QuizRuntime[];
    /** A fresh process: new service and scheduler, same database. */
    const boot = (s: Store = store, n: RecordingNotifier = notifier, id = `instance-${services.length}`) => {
      const q = createQuizService({
        store: s,
        kb: KB,
        notifiers: [n],
        clock,
        seed: services.length + 1,
        logger: silentLogger,
        instanceId: id,
      });
      services.push(q);
      return q;
    };
    const posted = (n = notifier) =>
      n.quizzes.map((q) => `${q.channel.channel} ${q.quiz.slotDate} ${q.at?.toISOString()}`);

    beforeEach(async () => {
      store = await (backend as NonNullable<typeof backend>).open();
      clock = new FakeClock("2026-01-05T07:00:00Z"); // Monday, 08:00 in Paris
      notifier = new RecordingNotifier("slack", clock);
      services = [];
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it("posts at each channel's local time, weekdays only or every day", async () => {
      await store.saveSubscription(sub({ ...CHANNEL })); // 09:00 Paris, weekdays
      await store.saveSubscription(
        sub({ ...CHANNEL, channel: "NY", timezone: "America/New_York", days: "daily" }),
      );
      await store.saveSubscription(
        sub({ ...CHANNEL, channel: "TOKYO", time: "18:30", timezone: "Asia/Tokyo" }),
      );
      const quiz = boot();
      // Every 5 minutes over a week (every slot here falls on a multiple of 5 minutes).
      for (let t = 0; t < 7 * 24 * 60; t += 5) {
        await quiz.tick();
        clock.advance(5);
      }
      const byChannel = (c: string) => posted().filter((p) => p.startsWith(`${c} `));
      expect(byChannel("C1")).toEqual([
        "C1 2026-01-05 2026-01-05T08:00:00.000Z",
        "C1 2026-01-06 2026-01-06T08:00:00.000Z",
        "C1 2026-01-07 2026-01-07T08:00:00.000Z",
        "C1 2026-01-08 2026-01-08T08:00:00.000Z",
        "C1 2026-01-09 2026-01-09T08:00:00.000Z",
      ]);
      expect(byChannel("NY")).toHaveLength(7);
      expect(byChannel("NY")[0]).toBe("NY 2026-01-05 2026-01-05T14:00:00.000Z");
      expect(byChannel("NY").at(-1)).toBe("NY 2026-01-11 2026-01-11T14:00:00.000Z");
      expect(byChannel("TOKYO")[0]).toBe("TOKYO 2026-01-05 2026-01-05T09:30:00.000Z");
      expect(byChannel("TOKYO")).toHaveLength(5);
      // Each post revealed the channel's previous quiz in its thread.
      expect(
        notifier.reveals.filter((r) => r.channel.channel === "C1").map((r) => r.reveal.messageRef),
      ).toHaveLength(4);
    }, 60_000);

    it("follows the local clock across the spring DST change", async () => {
      await store.saveSubscription(sub({ ...CHANNEL, days: "daily" }));
      clock.set("2026-03-27T07:55:00Z");
      const quiz = boot();
      for (let t = 0; t < 3 * 24 * 60; t += 5) {
        await quiz.tick();
        clock.advance(5);
      }
      expect(posted()).toEqual([
        "C1 2026-03-27 2026-03-27T08:00:00.000Z",
        "C1 2026-03-28 2026-03-28T08:00:00.000Z",
        "C1 2026-03-29 2026-03-29T07:00:00.000Z", // clocks went forward: 09:00 CEST
        "C1 2026-03-30 2026-03-30T07:00:00.000Z",
      ]);
    });

    it("posts a slot missed during downtime late within the grace window, and only once", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T09:30:00Z"); // restarted 90 minutes after 09:00 Paris
      const quiz = boot();
      const report = await quiz.tick();
      expect(report.posted).toEqual([{ ...CHANNEL, slotDate: "2026-01-05", quizId: expect.any(String) }]);
      // Another restart a few minutes later posts nothing: the slot is in the database.
      clock.advance(5);
      const restarted = boot();
      expect((await restarted.tick()).posted).toEqual([]);
      expect(posted()).toEqual(["C1 2026-01-05 2026-01-05T09:30:00.000Z"]);
    });

    it("skips a slot missed by more than the grace window and resumes the next day", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T10:01:00Z"); // 121 minutes late
      const quiz = boot();
      expect((await quiz.tick()).posted).toEqual([]);
      clock.set("2026-01-06T08:00:00Z");
      expect((await quiz.tick()).posted).toHaveLength(1);
      expect(posted()).toEqual(["C1 2026-01-06 2026-01-06T08:00:00.000Z"]);
      // A custom grace window.
      clock.set("2026-01-07T08:31:00Z");
      const strict = createQuizService({
        store,
        kb: KB,
        notifiers: [notifier],
        clock,
        logger: silentLogger,
        graceMinutes: 30,
      });
      expect((await strict.tick()).posted).toEqual([]);
    });

    it("does not post today's passed slot for a subscription made after it", async () => {
      clock.set("2026-01-05T08:10:00Z"); // 09:10 Paris
      const quiz = boot();
      await quiz.subscribe(CHANNEL, alice, ["09:00"]);
      expect((await quiz.tick()).posted).toEqual([]);
      clock.set("2026-01-06T08:00:00Z");
      expect((await quiz.tick()).posted).toHaveLength(1);
    });

    it("retries a failed post at the next tick, never losing or doubling it", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      notifier.failures.push(new Error("slack: ratelimited"), new Error("socket hang up"));
      const quiz = boot();
      const first = await quiz.tick();
      expect(first.failed).toEqual([
        { ...CHANNEL, slotDate: "2026-01-05", error: "slack: ratelimited", paused: false },
      ]);
      expect(await store.getSlot(CHANNEL, "2026-01-05")).toBeNull();
      clock.advance(1);
      expect((await quiz.tick()).failed).toHaveLength(1);
      clock.advance(1);
      expect((await quiz.tick()).posted).toHaveLength(1);
      clock.advance(1);
      expect((await quiz.tick()).posted).toHaveLength(0);
      expect(posted()).toEqual(["C1 2026-01-05 2026-01-05T08:02:00.000Z"]);
      // The failed attempts left no quiz behind.
      expect((await store.quizHistory(CHANNEL, null, 10)).length).toBe(1);
    });

    it("pauses a channel whose posts can never succeed, and `quiz daily` resumes it", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      notifier.failures.push(new QuizPostError("channel_not_found", { permanent: true }));
      const quiz = boot();
      expect((await quiz.tick()).failed).toMatchObject([{ paused: true }]);
      expect(await store.getSubscription(CHANNEL)).toMatchObject({
        paused: true,
        pausedReason: "channel_not_found",
      });
      expect((await quiz.status(CHANNEL)).message).toMatch(
        /is paused because posting failed: channel_not_found/,
      );
      clock.advance(1);
      expect(await quiz.tick()).toEqual({ posted: [], failed: [] });
      await quiz.subscribe(CHANNEL, alice, ["09:00", "Europe/Paris"]);
      expect(await store.getSubscription(CHANNEL)).toMatchObject({ paused: false });
    });

    it("takes over a slot whose claimant died mid-post once the claim is stale", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      // A replica claimed the slot and was killed before posting.
      await store.claimSlot({
        ...CHANNEL,
        slotDate: "2026-01-05",
        claimant: "dead",
        now: clock.now(),
        staleBefore: clock.now(),
      });
      const quiz = boot();
      clock.advance(5);
      expect((await quiz.tick()).posted).toEqual([]);
      clock.advance(6);
      expect((await quiz.tick()).posted).toHaveLength(1);
      expect(posted()).toEqual(["C1 2026-01-05 2026-01-05T08:11:00.000Z"]);
    });

    it("does not repost a slot that a dead claimant had already posted", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      // The dead replica claimed, stored and posted the quiz (it has a message reference), then died.
      await store.claimSlot({
        ...CHANNEL,
        slotDate: "2026-01-05",
        claimant: "dead",
        now: clock.now(),
        staleBefore: clock.now(),
      });
      const quizRow = await store.insertQuiz({
        ...CHANNEL,
        id: "posted-by-dead",
        questionId: "entry:rds-os-patching",
        prompt: "Who owns this?",
        correct: "aws",
        explanation: "x",
        learnMore: null,
        mode: "daily",
        audience: null,
        slotDate: "2026-01-05",
        postedAt: clock.now(),
      });
      await store.setQuizMessageRef(quizRow.id, "ts-dead");
      clock.advance(11);
      const quiz = boot();
      expect((await quiz.tick()).posted).toEqual([]);
      expect(notifier.quizzes).toHaveLength(0);
      expect(await store.getSlot(CHANNEL, "2026-01-05")).toEqual({
        status: "posted",
        quizId: "posted-by-dead",
      });
    });

    it("posts a slot whose dead claimant stored the quiz but never reached the platform", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      await store.claimSlot({
        ...CHANNEL,
        slotDate: "2026-01-05",
        claimant: "dead",
        now: clock.now(),
        staleBefore: clock.now(),
      });
      await store.insertQuiz({
        ...CHANNEL,
        id: "never-posted",
        questionId: "entry:rds-os-patching",
        prompt: "Who owns this?",
        correct: "aws",
        explanation: "x",
        learnMore: null,
        mode: "daily",
        audience: null,
        slotDate: "2026-01-05",
        postedAt: clock.now(),
      });
      clock.advance(11);
      const quiz = boot();
      expect((await quiz.tick()).posted).toHaveLength(1);
      expect(await store.getQuiz("never-posted")).toBeNull();
      expect(notifier.reveals).toEqual([]);
      expect(posted()).toEqual(["C1 2026-01-05 2026-01-05T08:11:00.000Z"]);
    });

    it("stop() waits for the post in progress", async () => {
      await store.saveSubscription(sub({ ...CHANNEL }));
      clock.set("2026-01-05T08:00:00Z");
      let release: () => void = () => {};
      notifier.gate = new Promise<void>((r) => {
        release = r;
      });
      const quiz = boot();
      quiz.start();
      // Wait until the post has reached the notifier (the gate), however long that takes on this machine.
      while (!(await store.getSlot(CHANNEL, "2026-01-05"))) await new Promise((r) => setTimeout(r, 5));
      let stopped = false;
      const stopping = quiz.stop().then(() => {
        stopped = true;
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(stopped).toBe(true);
      expect(posted()).toHaveLength(1);
      expect(await store.getSlot(CHANNEL, "2026-01-05")).toMatchObject({ status: "posted" });
    });

    it("posts each slot exactly once with two replicas on one database", async () => {
      const otherStore = await (backend as NonNullable<typeof backend>).openAnother();
      await store.saveSubscription(sub({ ...CHANNEL }));
      await store.saveSubscription(sub({ ...CHANNEL, channel: "C2", days: "daily" }));
      const n1 = new RecordingNotifier("slack", clock);
      const n2 = new RecordingNotifier("slack", clock);
      const a = boot(store, n1, "replica-a");
      const b = boot(otherStore, n2, "replica-b");
      clock.set("2026-01-05T07:58:00Z");
      for (let i = 0; i < 5; i++) {
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        clock.advance(1);
      }
      const all = [...posted(n1), ...posted(n2)].sort();
      expect(all).toEqual([
        "C1 2026-01-05 2026-01-05T08:00:00.000Z",
        "C2 2026-01-05 2026-01-05T08:00:00.000Z",
      ]);
      // A restart of both replicas later that day changes nothing.
      clock.advance(30);
      await Promise.all([boot(store, n1, "replica-a2").tick(), boot(otherStore, n2, "replica-b2").tick()]);
      expect([...posted(n1), ...posted(n2)]).toHaveLength(2);
    });

    it("fans out 300 channels in three workspaces, paced, over two replicas: each posted once, none missed", async () => {
      const otherStore = await (backend as NonNullable<typeof backend>).openAnother();
      const channels: ChannelKey[] = [];
      for (const workspace of ["T1", "T2", "T3"])
        for (let i = 0; i < 100; i++) channels.push({ platform: "slack", workspace, channel: `C${i}` });
      for (const c of channels) await store.saveSubscription(sub({ ...c, days: "daily" }));
      // 30,000 a minute per workspace: two messages a slot, so a channel every 4 ms in each workspace.
      const pace = { perWorkspacePerMinute: 30_000, perChannelGapMs: 0 };
      const n1 = Object.assign(new RecordingNotifier("slack", clock), { pace });
      const n2 = Object.assign(new RecordingNotifier("slack", clock), { pace });
      // Some posts fail once (a timeout, a 5xx past the client's retries): released, and posted at a later tick.
      n1.failures = Array.from(
        { length: 7 },
        () => new QuizPostError("Slack timed out", { permanent: false }),
      );
      n2.failures = Array.from(
        { length: 5 },
        () => new QuizPostError("Slack timed out", { permanent: false }),
      );
      const a = boot(store, n1, "fan-a");
      const b = boot(otherStore, n2, "fan-b");
      clock.set("2026-01-05T08:00:30Z");
      const first = await Promise.all([a.tick(), b.tick()]);
      const failed = first.flatMap((r) => r.failed).length;
      expect(failed).toBe(12);
      clock.advance(1);
      await Promise.all([a.tick(), b.tick()]);
      const all = [...n1.quizzes, ...n2.quizzes].map((q) => `${q.channel.workspace}/${q.channel.channel}`);
      expect(new Set(all).size).toBe(all.length); // none twice
      expect(all.sort()).toEqual(channels.map((c) => `${c.workspace}/${c.channel}`).sort()); // none missed
      // Both replicas took part.
      expect(n1.quizzes.length).toBeGreaterThan(0);
      expect(n2.quizzes.length).toBeGreaterThan(0);
      for (const c of channels)
        expect(await store.getSlot(c, "2026-01-05")).toMatchObject({ status: "posted" });
    }, 60_000);
  });
});
