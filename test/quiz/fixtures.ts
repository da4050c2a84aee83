// Test doubles for the quiz: a small knowledge base, a settable clock and a Notifier that records what
// would have been posted to the platform.
import type { Entry, KnowledgeBase, Scenario } from "../../src/knowledge/schema.js";
import type { Clock, Notifier, QuizCardView, RevealView } from "../../src/quiz/types.js";
import type { ChannelKey, Platform } from "../../src/store/types.js";

const entry = (id: string, owner: Entry["owner"], statement: string, rationale: string): Entry => ({
  id,
  statement,
  owner,
  services: [],
  category: "patching",
  layer: null,
  rationale,
  caveats: [],
  otherParty: "The other party still owns something.",
  phrasings: [`who owns ${id.replace(/-/g, " ")}`, `is ${id} mine`],
  related: [],
  source: { kind: "seed", title: "Seed", section: "Examples" },
  reviewed: "2026-11-28",
});

export const ENTRIES: Entry[] = [
  entry(
    "ec2-guest-os-patching",
    "customer",
    "Patching the guest OS of EC2 instances",
    "You run the instance OS.",
  ),
  entry("rds-os-patching", "aws", "Patching the OS of RDS instances", "RDS is managed by AWS."),
  entry(
    "patch-management-control",
    "shared",
    "Patch management as a control",
    "Each side patches its own layer.",
  ),
  entry("hypervisor-patching", "aws", "Applying patches to the hypervisor.", "AWS runs the hosts."),
];

export const SCENARIOS: Scenario[] = [
  {
    id: "pg-on-ec2",
    prompt: "Your team runs PostgreSQL on EC2 and a CVE lands in the engine. Who patches it?",
    owner: "customer",
    explanation: "You installed it, you patch it.",
    services: ["ec2"],
    entry: "ec2-guest-os-patching",
  },
  {
    id: "lambda-runtime",
    prompt: "A managed Lambda runtime gets a security fix. Who applies it?",
    owner: "aws",
    explanation: "AWS patches managed runtimes.",
    services: ["lambda"],
  },
];

export const KB: Pick<KnowledgeBase, "entries" | "scenarios"> = { entries: ENTRIES, scenarios: SCENARIOS };
export const POOL_SIZE = ENTRIES.length + SCENARIOS.length;

export class FakeClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

export class RecordingNotifier implements Notifier {
  readonly quizzes: Array<{ channel: ChannelKey; quiz: QuizCardView; at?: Date }> = [];
  readonly reveals: Array<{ channel: ChannelKey; reveal: RevealView }> = [];
  /** Errors thrown by the next postQuiz calls, in order. */
  failures: Error[] = [];
  /** When set, postQuiz waits for it (to test stop() during a post). */
  gate: Promise<void> | undefined;
  private n = 0;
  constructor(
    readonly platform: Platform = "slack",
    private readonly clock?: Clock,
  ) {}

  async postQuiz(channel: ChannelKey, quiz: QuizCardView): Promise<{ messageRef: string | null }> {
    if (this.gate) await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.quizzes.push({ channel, quiz, ...(this.clock ? { at: this.clock.now() } : {}) });
    return { messageRef: `ts-${++this.n}` };
  }

  async postReveal(channel: ChannelKey, reveal: RevealView): Promise<void> {
    this.reveals.push({ channel, reveal });
  }
}

export const CHANNEL: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
export const alice = { user: "U_ALICE", userName: "alice", isAdmin: false, timezone: "Europe/Paris" };
export const bob = { user: "U_BOB", userName: "bob", isAdmin: false };
export const admin = { user: "U_ADMIN", userName: "root", isAdmin: true };
