// Every sentence srm-bot's cards say, in one place: the views in view-*.ts pick words from here and never
// write their own, so a wording changes once for Slack, Teams, the playground and the CLI alike.

import type { Owner } from "../knowledge/schema.js";
import type { Line } from "./view.js";

const code = (text: string) => ({ text, code: true });

export const OWNER_WORD: Record<Owner, string> = { aws: "AWS", customer: "Customer", shared: "Shared" };

/** The verdict: the owner in words, the line every answer card leads with. */
export const VERDICT: Record<Owner, string> = {
  aws: "AWS owns this",
  customer: "You (the customer) own this",
  shared: "Shared: AWS and you each own a part",
};

/**
 * What a person is told when they write (answer, vote, quiz command) faster than the per-user limit allows:
 * nothing was recorded, and when to try again.
 */
export const SLOW_DOWN = (seconds: number) =>
  `You're going a little fast, so I didn't record that. Try again in ${seconds} s.`;

export const COPY = {
  dependsOnModel: "Depends on the service model",
  otherParty: {
    aws: "What you still own",
    customer: "What AWS still owns",
    shared: "How it splits",
  } satisfies Record<Owner, string>,
  appliesTo: (names: string) => `Applies to: ${names}`,
  mayAlsoMean: "You may also mean",
  related: "Related questions",
  source: "Source: ",
  reviewed: (date: string) => ` · Last reviewed ${date}`,

  serviceTitle: (name: string) => `${name}: who owns what`,
  serviceModel: (model: string) => `Service model: ${model}`,
  side: { aws: "AWS owns", customer: "You own", shared: "Shared" } satisfies Record<Owner, string>,
  askAboutOne: "Ask about one",
  documentation: (name: string) => `${name} on AWS`,

  modelsTitle: "Service models: how the split moves",
  awsHandles: "AWS handles",
  youHandle: "You handle",
  forExample: (names: string) => `For example: ${names}`,
  unknownModel: "” is not a service model. The three are ",
  unknownModelTry: ": try model iaas, model paas or model serverless.",

  controlsTitle: "Shared controls",
  controlAws: "AWS",
  controlYou: "You",
  andMore: (n: number, what = "") => `…and ${n} more${what}.`,

  compareTitle: (topic: string) => `${topic} across services`,
  compareDefaulted: (topic: string, names: string) =>
    `${topic} across ${names}, one of each service model — name services to choose.`,
  compareLeftOut: (names: string, shown: number) =>
    `Left out: ${names}. One comparison shows up to ${shown} services: ask about those in another comparison.`,
  compareLegend: "no entry yet",
  noEntry: "no entry on this topic yet",
  moreOnOne: "More on one service",
  fullAnswerForOne: "Full answer for one service",
  responsibleFor: (name: string) => `What am I responsible for with ${name}?`,

  tryAsking: "Try asking",
  commands: "Commands",
  legend: { aws: "AWS owns it", customer: "you own it", shared: "each side owns a part" },

  commandQuiz:
    "Quizzes run in Slack and Teams channels: try `/srm quiz` there, or the playground's “Quiz me” button.",
  commandLeaderboard: "The leaderboard lives in Slack and Teams channels: try `/srm leaderboard` there.",

  didYouMean: "Did you mean",
  youCouldAsk: "You could ask",
  youAsked: "You asked: ",
  noService: "There is no service called “",
  noServiceEnd: "” in what I know.",

  helpful: "Helpful",
  notHelpful: "Not helpful",
  share: "Share in channel",
  sharedBy: "Shared by ",
  voted: (helpful: boolean, counted: boolean) =>
    !counted
      ? "You already rated this answer: each person's vote counts once."
      : helpful
        ? "Marked helpful. Thanks for the feedback!"
        : "Marked not helpful. Thanks for the feedback: it helps improve the answers.",
  thanks: "Thanks for the feedback!",
  shortened: "Shortened to fit in one message: ask a narrower question for the rest.",

  quizTitle: (daily: boolean, date: string | null) =>
    daily ? `Daily quiz${date ? ` · ${date}` : ""}` : "Quiz",
  quizHint: (daily: boolean) =>
    daily
      ? "Who owns this? Only you see your result; the answer is revealed with the next quiz."
      : "Who owns this?",
  correct: "Correct",
  notQuite: (said: string) => `Not quite: you said ${said}`,
  alreadyAnswered: "You've already answered this one. Your first answer counts.",
  closed: "This question is closed.",
  notFound: "I can't find that quiz question any more.",
  unavailable: "The quiz isn't available right now. Please try again in a few minutes.",
  earned: (n: number) => `+${n} points`,
  total: (n: number) => `${n} points in total`,
  streak: (n: number) => `streak ${n}`,
  fullAnswer: "Full answer",
  anotherQuestion: "Another question",
  revealTitle: "Quiz answer",
  tally: (right: number, answered: number) => `${right} of ${answered} answered correctly`,
  practiceQuestion: "Practice question",
  leaderboardTitle: (week: boolean) => `Leaderboard · ${week ? "this week" : "all time"}`,
  someone: "Someone",
  scoreLine: (points: number, correct: number, answered: number) =>
    `${points} points (${correct}/${answered} correct)`,
  noScores: "No scores yet: answer a quiz question to get on the board.",
  quizMe: "Quiz me",

  welcomeTitle: "Hi, I'm srm-bot",
  welcome:
    "I answer who owns what under the AWS Shared Responsibility Model (AWS, you, or both) and run a daily quiz.",
  welcomeSummary: "Hi, I'm srm-bot: ask me who owns what under the AWS Shared Responsibility Model.",
  welcomeHint: (p: string): Line => [
    "Type ",
    code(`${p}help`),
    " for the commands, or ",
    code(`${p}quiz`),
    " for a question.",
  ],

  homeTitle: "srm-bot: who owns what in AWS",
  homeIntro:
    "I answer questions about the AWS Shared Responsibility Model: for any task, whether AWS owns it, you do, or it is shared, why, and what the other side still owns. I also run a daily quiz for channels.",
  homeHowTo: "How to ask",
  homeWays: [
    ["Mention me in a channel: ", code("@srm-bot who handles RDS patching?"), " (I answer in the thread)"],
    "Send me a direct message",
    ["Use ", code("/srm <question>"), " anywhere (only you see the answer, with a button to share it)"],
    [code("/srm help"), " lists the commands"],
  ] as Line[],
  homeTryOne: "Try one (the answer arrives in the Messages tab)",
  homeQuiz: "Your quiz",
  homeNoQuiz: "The quiz isn't available right now.",
  homeNoAnswers: "You haven't answered a quiz question yet.",
  adminTitle: "Improve the knowledge base",
  adminNote: "Only workspace admins see this. Questions are stored without who asked them.",
  adminUnanswered: "Most asked, not answered",
  adminUnhelpful: "Answers marked not helpful",
  adminUnread: "Couldn't read these right now.",
  adminNothing: "Nothing yet.",
} as const;

/** "A, B and C". */
export function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
