// Which service an answer about the AWS account's own access is about.
import type { Answer } from "./answer.js";
import type { Situation } from "./situation.js";

/** The service whose users and sign-in the AWS account's own access is (lexicon `accountWords`). */
const ACCOUNT_SERVICE = "iam";

/**
 * "Who decides which of our staff can log in to our Amazon account?": an access duty about the account itself,
 * asked without naming a service, is about IAM.
 */
export function ofAccount(s: Situation, a: Answer): Answer {
  const r = s.reading;
  const about = a.intent === "who_owns" && !a.service && a.layer === "identity-access";
  return about && r.namesAccount && r.services.length === 0 && !r.unknownService
    ? s.compose.asService(a, ACCOUNT_SERVICE)
    : a;
}
