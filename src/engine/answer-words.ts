// Every sentence the engine puts into an Answer, kept out of the logic that picks between them (the cards'
// own words live in src/render/copy.ts).
import type { Entry, Owner } from "../knowledge/schema.js";
import type { FallbackDetail } from "./answer.js";

export const EXAMPLE_QUESTIONS = [
  "Who handles RDS patching?",
  "What am I responsible for with Lambda?",
  "Is encrypting data in transit my job?",
  "Patching on EC2 vs RDS vs Lambda",
  "IaaS vs PaaS vs serverless",
  "What are the shared controls?",
];

// Every command the chat surfaces accept. Each one short and written out: no long `a|b|c` token that a
// narrow card would have to break mid-word.
export const COMMANDS = [
  { command: "<question>", description: "Ask who owns a task, e.g. “who patches the EC2 guest OS?”" },
  { command: "service <name>", description: "What you and AWS each own for one service" },
  { command: "model iaas", description: "How the split looks for IaaS (also: model paas, model serverless)" },
  {
    command: "compare [topic] [services]",
    description: "One topic across services, as a matrix (alone: patching on EC2, RDS and Lambda)",
  },
  { command: "controls", description: "The shared controls, and which controls are AWS's or yours alone" },
  { command: "quiz", description: "A practice quiz question, just for you" },
  { command: "quiz daily [HH:MM]", description: "Post a quiz question in this channel every day" },
  { command: "quiz status", description: "When the daily quiz posts here" },
  { command: "quiz now", description: "Post a quiz question in this channel now" },
  { command: "quiz reveal", description: "Show the answer to the open quiz question" },
  { command: "quiz stop", description: "Stop the daily quiz in this channel" },
  { command: "leaderboard", description: "Quiz scores for this channel, all time" },
  { command: "leaderboard week", description: "Quiz scores for this channel, this week" },
  { command: "help", description: "This message" },
];

/** Said first when a shared duty is answered from the side the question asked about. */
/** A duty asked about in the one case a caveat settles ("Long-running clusters", "our own KMS key"): that case's owner. */
export const caseOf = (usual: Owner, label: string, owner: "customer" | "aws") =>
  `${usual === "shared" ? "The duty is shared" : `By default it is ${usual === "aws" ? "AWS's" : "yours"}`}; in the case asked about (${label}) it is ${owner === "aws" ? "AWS's" : "yours"}.`;

export const PART_OF_SHARED = {
  customer:
    "The duty is shared, and the part asked about (deciding, starting or switching it on, or your own people) is yours.",
  aws: "The duty is shared, and the part asked about (what happens on AWS's side or by itself) is AWS's.",
} as const;

export const FALLBACK_HEADLINE: Record<FallbackDetail["reason"], string> = {
  empty: "Ask me who owns a task in AWS — for example, who handles RDS patching?",
  low_confidence: "I'm not sure which responsibility you mean. Did you mean one of these?",
  out_of_scope:
    "That's outside what I know: I answer who owns what under the AWS Shared Responsibility Model.",
};

export const OWNER_IN_DOUBT_HEADLINE =
  "That could be read two ways, and they have different owners. Which one did you mean?";

export const splitLayerHeadline = (serviceName: string) =>
  `With ${serviceName}, AWS and you each own part of this. Which part did you mean?`;

export const sideDependsHeadline = (serviceName: string) =>
  `Whether AWS does this on its own differs from service to service, and I have nothing on that for ${serviceName} yet. Its overview may help.`;

export const UNKNOWN_SERVICE_HEADLINE = "I don't know that service. Did you mean one of these?";

export const HELP_HEADLINE =
  "I answer who owns what under the AWS Shared Responsibility Model — AWS, you, or both — and run a daily quiz.";

export const COMMAND_HEADLINE = {
  quiz: "Here is a quiz question.",
  leaderboard: "Here is the quiz leaderboard.",
} as const;

export const overviewQuestion = (serviceName: string) => `What am I responsible for with ${serviceName}?`;

export const controlsHeadline = (names: string[]) =>
  `Shared controls apply on both sides, each in its own layer: ${names.join(", ")}. ` +
  "The two other kinds: inherited controls, which AWS alone operates and you take over as they are " +
  "(physical and environmental protection of its data centers), and customer-specific controls, which " +
  "depend only on what you deploy (zoning data or routing it through particular security environments, " +
  "for example).";

export const modelsHeadline = (names: string[]) =>
  `The split moves with the service model: ${names.join(", then ")} — the more AWS manages, the less you patch and configure, but your data and access stay yours.`;

export const ruleLabel = {
  exception: (name: string | undefined) => `${name}: an exception to the general rule`,
  kind: (kind: string) => `General rule for ${kind}`,
  any: "General rule for every kind of AWS service",
};

export const compareCell = { notCovered: "not covered", allTopics: "Who owns what" };

export const compareHeadline = (topicName: string, summary: string) =>
  `${topicName} across services — ${summary}.`;

export function entryHeadline(e: Pick<Entry, "statement" | "owner">): string {
  const task = lowerFirst(e.statement.replace(/\.$/, ""));
  switch (e.owner) {
    case "aws":
      return `AWS owns this: ${task}.`;
    case "customer":
      return `You (the customer) own this: ${task}.`;
    default:
      return `Shared: AWS and you each own part of ${task}.`;
  }
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s;
}
