import type { Entry, Service } from "../knowledge/schema.js";

/** What the question said about services, as the composer of an entry answer sees it. */
export interface ServicesAsked {
  mentioned: Service[];
  implied?: Service[];
  /** The question names a product the knowledge base does not know. */
  unknownProduct?: boolean;
}

/**
 * The contract's `service` of an entry answer: the service the question named (subject first) that the entry
 * is about, else the subject; never whichever service the entry happens to list first.
 */
export function answerService(
  e: Entry,
  ctx: ServicesAsked,
  byId: (id: string) => Service | undefined,
): string | null {
  // Access to any service is granted through IAM: "EMR — who writes the IAM policies" is about EMR even when
  // an IAM entry answers it. (A KMS key is a subject of its own: "the aws/s3 key's rotation" is about KMS.)
  const about = ctx.mentioned.find((s) => e.services.includes(s.id));
  const subject = ctx.mentioned.find((s) => !s.crossCutting);
  const means = about?.crossCutting && e.layer === "identity-access";
  const mentioned = (means ? subject : about) ?? about ?? ctx.mentioned[0];
  if (mentioned) return mentioned.id;
  // Naming no service, "who turns on MFA for the root user" is still about IAM: an entry of the customer's about
  // one cross-cutting service alone (IAM, CloudTrail) is about that service.
  const home = e.services.length === 1 && e.owner !== "aws" ? byId(e.services[0] as string) : undefined;
  // Or named by an everyday word ("our bucket", "the https listener") when the entry is about that service.
  // Not beside a product we do not know: "MFA for our Amazon Chime admins" is Chime's, not IAM's.
  const implied =
    home && ((home.crossCutting && !ctx.unknownProduct) || ctx.implied?.includes(home)) ? home : undefined;
  return ctx.mentioned.length === 0 && implied ? implied.id : null;
}
