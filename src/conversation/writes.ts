// Which inputs change what the store holds for a person or a channel: the ones a per-user rate limit counts.
// Questions are left out (answering one writes nothing a person could pile up but an unanswered-question
// row, already bounded by the per-address limit); a quiz answer, a vote and a quiz command each write.

import { type RespondInput, readMessage } from "./respond.js";

/** True for quiz answers, feedback votes, new practice questions and every quiz command but `status`. */
export function writes(input: RespondInput): boolean {
  if ("action" in input)
    return input.action.a === "quiz_answer" || input.action.a === "feedback" || input.action.a === "quiz_new";
  const read = "text" in input ? (typeof input.text === "string" ? readMessage(input.text) : null) : input;
  return read?.command.kind === "quiz" && read.command.quiz.sub !== "status";
}
