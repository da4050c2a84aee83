import { describe, expect, it } from "vitest";
import { buildQuestionPool } from "../../src/quiz/questions.js";
import { seededRandom } from "../../src/quiz/random.js";
import { selectQuestion } from "../../src/quiz/select.js";
import type { QuizHistoryItem } from "../../src/store/types.js";
import { KB } from "./fixtures.js";

const POOL = ["q1", "q2", "q3", "q4", "q5", "q6"];
const asked = (questionId: string, answered = 0, correctCount = 0): QuizHistoryItem => ({
  quizId: `quiz-${questionId}-${Math.random()}`,
  questionId,
  postedAt: new Date(0),
  answered,
  correctCount,
});

/** Runs the selector `n` times, feeding each pick back as history (answered by `score`). */
function simulate(n: number, seed: number, score: (id: string) => [number, number] = () => [2, 2]) {
  const random = seededRandom(seed);
  const history: QuizHistoryItem[] = [];
  const picks: string[] = [];
  for (let i = 0; i < n; i++) {
    const { questionId } = selectQuestion(POOL, history, random, { reviewAfter: 3 });
    picks.push(questionId);
    history.push(asked(questionId, ...score(questionId)));
  }
  return picks;
}

describe("selectQuestion", () => {
  it("asks every question once before any repeats, round after round", () => {
    const picks = simulate(POOL.length * 3, 7);
    for (let round = 0; round < 3; round++) {
      const slice = picks.slice(round * POOL.length, (round + 1) * POOL.length);
      expect(new Set(slice).size).toBe(POOL.length);
    }
    // A new round never opens with the question that closed the previous one.
    expect(picks[POOL.length]).not.toBe(picks[POOL.length - 1]);
  });

  it("is repeatable with a seed and differs between seeds", () => {
    expect(simulate(12, 42)).toEqual(simulate(12, 42));
    expect(simulate(12, 42)).not.toEqual(simulate(12, 43));
  });

  it("brings back a question most people got wrong every `reviewAfter` quizzes while it stays wrong", () => {
    // The first question asked is answered wrong by 2 of 3 people, every time; everything else right.
    let missed: string | undefined;
    const picks = simulate(9, 3, (id) => {
      missed ??= id;
      return id === missed ? [3, 1] : [3, 3];
    });
    const positions = picks.flatMap((id, i) => (id === missed ? [i] : []));
    expect(positions).toEqual([0, 4, 8]);
  });

  it("keeps reviewing a question while the channel keeps getting it wrong, and stops when they get it right", () => {
    const random = seededRandom(1);
    const history: QuizHistoryItem[] = [asked("q1", 4, 1), asked("q2", 1, 1), asked("q3"), asked("q4")];
    expect(selectQuestion(POOL, history, random, { reviewAfter: 3 })).toEqual({
      questionId: "q1",
      reason: "review",
    });
    // Not yet: only two quizzes since the miss.
    expect(selectQuestion(POOL, history.slice(0, 3), random, { reviewAfter: 3 }).reason).toBe("new");
    // A tie (half right) or nobody answering is not "mostly wrong".
    expect(
      selectQuestion(POOL, [asked("q1", 2, 1), ...history.slice(1)], random, { reviewAfter: 3 }).reason,
    ).toBe("new");
    expect(selectQuestion(POOL, [asked("q1"), ...history.slice(1)], random, { reviewAfter: 3 }).reason).toBe(
      "new",
    );
    // Reviewed and now answered right: it leaves the review list.
    const reviewed = [...history, asked("q1", 3, 3), asked("q5"), asked("q6"), asked("q2")];
    expect(selectQuestion(POOL, reviewed, random, { reviewAfter: 3 }).reason).toBe("new");
    // The longest-waiting miss comes first.
    const two = [asked("q2", 2, 0), asked("q1", 2, 0), asked("q3"), asked("q4"), asked("q5")];
    expect(selectQuestion(POOL, two, random, { reviewAfter: 3 }).questionId).toBe("q2");
  });

  it("ignores history of questions no longer in the pool and refuses an empty pool", () => {
    const random = seededRandom(5);
    const pick = selectQuestion(["a"], [asked("gone"), asked("gone", 5, 0)], random, { reviewAfter: 0 });
    expect(pick).toEqual({ questionId: "a", reason: "new" });
    expect(() => selectQuestion([], [], random, { reviewAfter: 3 })).toThrow(/no questions/);
  });
});

describe("buildQuestionPool", () => {
  it("makes entry and scenario questions with explanation and a learn-more question", () => {
    const pool = buildQuestionPool(KB);
    expect(pool.map((q) => q.id)).toEqual([
      "entry:ec2-guest-os-patching",
      "entry:hypervisor-patching",
      "entry:patch-management-control",
      "entry:rds-os-patching",
      "scenario:lambda-runtime",
      "scenario:pg-on-ec2",
    ]);
    expect(pool[0]).toEqual({
      id: "entry:ec2-guest-os-patching",
      prompt: "Who owns this: patching the guest OS of EC2 instances?",
      correct: "customer",
      explanation: "You run the instance OS.",
      learnMore: "who owns ec2 guest os patching",
    });
    expect(pool[1]?.prompt).toBe("Who owns this: applying patches to the hypervisor?");
    expect(pool[5]).toMatchObject({ correct: "customer", learnMore: "who owns ec2 guest os patching" });
    expect(pool[4]?.learnMore).toBe("A managed Lambda runtime gets a security fix. Who applies it?");
  });
});
