// Block Kit for Slack (and the playground's "Slack JSON" view): one module to import from.
// Answers: renderBlockKit. Quiz: renderQuizCard, renderQuizOutcome, renderReveal, renderLeaderboard.
// Anything respond() returns: renderReply. The App Home tab: renderHome.

export { type BlockKitOptions, renderBlockKit } from "./blockkit-answer.js";
export { type HomeAdminView, type HomeView, renderHome } from "./blockkit-home.js";
export { type Block, type BlockKitMessage, esc, inert, LIMITS, OWNER_EMOJI } from "./blockkit-kit.js";
export { renderLeaderboard, renderQuizCard, renderQuizOutcome, renderReveal } from "./blockkit-quiz.js";
export { renderNotice, renderReply, renderWelcome } from "./blockkit-reply.js";
