// Adaptive Cards (schema 1.5) for Teams and the playground: one module to import from.
// Answers: renderAdaptiveCard. Quiz: renderQuizCard, renderQuizOutcome, renderReveal, renderLeaderboard.
// Anything respond() returns: renderReply.

export { type AnswerCardOptions, answerSummary, renderAdaptiveCard } from "./adaptive-answer.js";
export { neutralise, OWNER_BADGE } from "./adaptive-parts.js";
export {
  quizSummary,
  renderLeaderboard,
  renderQuizCard,
  renderQuizOutcome,
  renderReveal,
} from "./adaptive-quiz.js";
export {
  type RenderedReply,
  type ReplyRenderOptions,
  renderNotice,
  renderReply,
  renderWelcome,
} from "./adaptive-reply.js";
export { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from "./adaptive-types.js";
