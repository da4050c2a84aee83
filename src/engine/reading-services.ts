import type { Service, Variant } from "../knowledge/schema.js";
import type { Analysis } from "./analyzer.js";
import { distinctValues, type PhraseHit } from "./phrases.js";
import type { Readers } from "./reading.js";
import { TUNING } from "./tuning.js";

const NEGATIONS = new Set([
  "never",
  "not",
  "non",
  "didnt",
  "dont",
  "havent",
  "hasnt",
  "no",
  "nothing",
  "without",
  "except",
  "nobody",
  "cannot",
  "cant",
  "unable",
  "none",
]);

/** Words after "Amazon" / "AWS" that are not product names: function words, verbs, adverbs ("AWS mostly"). */
const NOT_A_PRODUCT = new Set(
  `the a an or and is are was to for of in on s side cloud account accounts console responsibility responsible
   shared security infrastructure data center centers network global services service who what we us customer
   customers own owns handle handles patch patches manage manages employees staff people team describe describes
   described say says said do does did has have had will would should can could might may must also itself still
   always never just only both all any some as at by from with without into about under over after before if when
   because so but not no yes that this these those which where why how runs maintains provides takes keeps offers
   guarantees promises recommends publishes supports operates secures protects encrypts replaces updates claims
   states documentation docs guidance support partner partners region regions bill billing hosting environment
   organization org mostly really fully directly automatically actually usually typically generally already
   probably maybe definitely obviously doesn don isn aren wasn weren won wouldn shouldn couldn didn hasn haven
   b c d e`.split(/\s+/),
);

/** Words that make AWS the place something runs ("hosted on AWS"), not the brand of a product name. */
const PLACE_WORDS = new Set(["on", "in", "into", "onto", "to", "at", "with", "from", "across", "inside"]);

/** The three words before a phrase: where "not" or "who" changes what the phrase means. */
export function wordsBefore(a: Analysis, at: number): string[] {
  return a.words.slice(Math.max(0, at - 3), at);
}

/** The word before a phrase, past one word of `skip`: "not" in "not our guest OS", "on" in "on the EC2 launch type". */
export function wordBefore(words: string[], at: number, skip: ReadonlySet<string>): string | undefined {
  return skip.has(words[at - 1] as string) ? words[at - 2] : words[at - 1];
}

export function negatedAt(a: Analysis, at: number): boolean {
  return wordsBefore(a, at).some((w) => NEGATIONS.has(w));
}

/** A name right after "instead of" or "rather than" is the alternative the question sets aside. */
function ruledOut(words: string[], at: number): boolean {
  const before = words.slice(Math.max(0, at - 2), at).join(" ");
  return before === "instead of" || before === "rather than";
}

/** "We moved from ECS on EC2 to Fargate": the service moved away from, when the one moved to is named too. */
function movedFrom(words: string[], h: PhraseHit<Service>, hits: PhraseHit<Service>[]): boolean {
  if (words[h.start - 1] !== "from") return false;
  // "A cert from ACM … attach it to CloudFront" gets a thing from one service for another: no move.
  if (!words.slice(Math.max(0, h.start - TUNING.moveReach), h.start).some((w) => MOVE_WORD.test(w)))
    return false;
  return hits.some(
    (x) => x.start > h.start && x.value !== h.value && MOVED_TO.has(words[x.start - 1] as string),
  );
}
const MOVED_TO = new Set(["to", "onto", "into"]);
const MOVE_WORD = /^(mov|migrat|switch|shift|transition|port|went|go|going|replatform|lift)/;

/** "The HSMs behind KMS": beside KMS, the word names KMS's part, not CloudHSM. */
function withoutParts(a: Analysis, r: Readers, hits: PhraseHit<Service>[]): PhraseHit<Service>[] {
  const parts = r.lexicon.partNames.find(a.stems);
  if (!parts.length) return hits;
  const owners = new Set(hits.map((h) => h.value.id));
  return hits.filter(
    (h) =>
      !parts.some(
        (p) => p.start <= h.start && h.end <= p.end && p.value !== h.value.id && owners.has(p.value),
      ),
  );
}

/** The services a question names, its subject first, and a named variant or an unknown product. */
export function readServices(a: Analysis, r: Readers, asking: number, focus: number) {
  const found = r.services.find(a.words);
  // "AWS IoT Greengrass" is not IoT Core: a name that runs on into a word the knowledge never uses is
  // another product, and the service it starts with is not read.
  const longer = longerName(a, found, (w) => r.corrector.has(w));
  // "IoT Greengrass", "GameLift": a product outside the contract hides the look-alike names inside it.
  const other = r.lexicon.otherProducts.find(a.stems);
  const inOther = (h: PhraseHit<Service>) => other.some((o) => h.start < o.end && o.start < h.end);
  const listed = [...found, ...idHits(a, r, found)].filter((h) => h !== longer?.hit && !inOther(h));
  const serviceHits = withoutParts(a, r, listed);
  // The subject first: a service the asking sentence names ("we moved from EC2 to MSK. Who patches the
  // brokers on MSK?"), else the first one named ("Connect recordings are stored in our S3 bucket" is about
  // Connect; a move from one to another is set aside below); a cross-cutting one
  // (IAM, KMS) after the others, since "task IAM roles for Fargate" is about Fargate.
  const first = new Map<Service, number>();
  let focusNames = new Set<Service>();
  for (const h of serviceHits) {
    if (!first.has(h.value)) first.set(h.value, h.start);
    if (h.start >= focus) focusNames.add(h.value);
  }
  if (focus === 0) focusNames = new Set(first.keys());
  const rank = (x: Service) => (focusNames.has(x) ? 0 : 1e6) + (first.get(x) as number);
  // "Lightsail instead of EC2", "Fargate rather than EC2": a service set aside is not what is asked about.
  const setAside = new Set(
    serviceHits
      .filter((h) => ruledOut(a.words, h.start) || movedFrom(a.words, h, serviceHits))
      .map((h) => h.value),
  );
  const kept = serviceHits.filter((h) => !setAside.has(h.value));
  const services = distinctValues(kept.length ? kept : serviceHits).sort(
    (x, y) => Number(x.crossCutting ?? false) - Number(y.crossCutting ?? false) || rank(x) - rank(y),
  );
  // "ECS on EC2 versus ECS on Fargate: on Fargate, who patches…": the one picked out is the subject, and
  // only a variant named from there on applies.
  const pick = pickedAfterVersus(a.words, serviceHits);
  // Two variants named ("SSE-KMS vs SSE-S3") is a choice between them: neither one's exception applies;
  // nor does one ruled out ("RDS, not RDS Custom").
  const namedVariants = variantsNamed(a.words, r, serviceHits);
  // "Managed node groups vs self-managed nodes: for the self-managed ones, who…" picks one of the two.
  const pickedVariant = pickedAfterVersus(a.words, namedVariants, (x) => x.variant.id);
  const variantHits = [
    ...new Map(
      (pickedVariant ? [pickedVariant] : namedVariants)
        // "Lambda … auto mode" is Lambda's runtime mode, not EKS Auto Mode: a variant of a service left
        // unnamed does not stand when the question names another service.
        .filter(
          (h) =>
            !negatedAt(a, h.start) &&
            // "Who enabled managed updates?" asks whose act the setting is; it does not state it as the case.
            a.words[h.start - 1] !== "who" &&
            (!pick || h.start >= pick.start - 1) &&
            (services.includes(h.value.service) || !services.some((x) => !x.crossCutting)),
        )
        .map((h) => [h.value.variant.id, h.value]),
    ).values(),
  ];
  const variant = variantHits.length === 1 ? (variantHits[0] ?? null) : null;
  // A variant names its service ("auto mode" is EKS) even when the service's own name is left out, and
  // makes it the subject: "the cert we imported into ACM for our ALB" is about ACM.
  if (variant) {
    const at = services.indexOf(variant.service);
    if (at >= 0) services.splice(at, 1);
    services.unshift(variant.service);
  }
  if (pick) services.splice(0, services.length, pick.value, ...services.filter((x) => x !== pick.value));
  const asked = serviceHits.filter((h) => h.start >= asking);
  // An everyday word ("instances", "bucket") does not name a service beside a product we do not know.
  const namesOne = services.some(
    (x) => !x.crossCutting && serviceHits.some((h) => h.strong && h.value === x),
  );
  const unknownService = namesOne
    ? null
    : (longer?.name ?? other[0]?.value ?? unknownProduct(a, serviceHits, (w) => r.corrector.has(w)));
  // "In Amazon Braket, who sets the IAM role…": the unknown product is the subject; IAM only says what.
  const named = services.filter(
    (s) => !unknownService && (serviceHits.some((h) => h.strong && h.value === s) || variant?.service === s),
  );
  return { serviceHits, services, variant, asked, unknownService, named, picksOne: !!pick };
}

const PICKING = new Set(["on", "with", "for", "in", "using"]);
const ARTICLE = new Set(["the"]);

/** The service a question turns to after setting services side by side ("…vs Fargate: on Fargate, who…"). */
function pickedAfterVersus<T>(
  words: string[],
  hits: PhraseHit<T>[],
  key: (x: T) => unknown = (x) => x,
): PhraseHit<T> | undefined {
  const v = words.lastIndexOf("versus");
  if (v < 0) return undefined;
  const who = words.findIndex((w, i) => i > v && (w === "who" || w === "whose"));
  if (who < 0) return undefined;
  const h = hits.filter((x) => x.start > v + 1 && x.end <= who).at(-1);
  if (!h) return undefined;
  const before = wordBefore(words, h.start, ARTICLE);
  // Only a pick among the services compared, not a new one ("Fargate vs EC2: in our VPC, who…").
  const compared = hits.some((x) => x.start < h.start - 1 && key(x.value) === key(h.value));
  return PICKING.has(before as string) && compared ? h : undefined;
}

/**
 * "/srm compare backup glacier": a comparison's list is service names, so a contract id names its service even
 * where the id is an everyday word ("backup", "batch") that a question would not read as one.
 */
function idHits(a: Analysis, r: Readers, found: PhraseHit<Service>[]): PhraseHit<Service>[] {
  if (a.words[0] !== "compare") return [];
  const hits: PhraseHit<Service>[] = [];
  a.words.forEach((w, i) => {
    const s = r.byId.get(w);
    if (i > 0 && s && !found.some((h) => h.start <= i && h.end > i))
      hits.push({ value: s, start: i, end: i + 1, strong: true });
  });
  return hits;
}

/** "Amazon Braket", "AWS Ground Station": a product name we do not know, so nothing is mapped to a look-alike. */
/** A service hit preceded by "AWS"/"Amazon" whose next word, typed as part of the name, is unknown to us. */
function longerName(a: Analysis, hits: PhraseHit<Service>[], knows: (w: string) => boolean) {
  for (const hit of hits) {
    const next = a.words[hit.end];
    const branded =
      ["aws", "amazon"].includes(a.words[hit.start] ?? "") ||
      ["aws", "amazon"].includes(a.words[hit.start - 1] ?? "");
    if (!branded || !next || knows(next) || hits.some((h) => h.start === hit.end)) continue;
    // Capitalised as typed, like a product name ("IoT Greengrass"), not a verb that follows ("Macie found").
    const typed = new RegExp(
      `\\b${escapeRegExp(a.words[hit.end - 1] as string)}\\W+(${escapeRegExp(next)})\\b`,
      "i",
    ).exec(a.clean)?.[1];
    if (!typed || !/^[A-Z]/.test(typed) || a.clean === a.clean.toUpperCase()) continue;
    return { hit, name: `${a.words.slice(hit.start, hit.end + 1).join(" ")}` };
  }
  return undefined;
}

function unknownProduct(
  a: Analysis,
  hits: PhraseHit<Service>[],
  knows: (w: string) => boolean,
): string | null {
  // From the text as typed: typo correction may have turned "polly" into a word we know.
  const m = /(\w+\s+)?\b(?:amazon|aws)\s+([a-z][\w-]*)(\s+[a-z][\w-]*)?/gi;
  // In a message typed in capitals, a capital letter says nothing about names.
  const shouted = a.clean === a.clean.toUpperCase();
  for (let x = m.exec(a.clean); x; x = m.exec(a.clean)) {
    const typed = x[2] as string;
    const name = typed.toLowerCase();
    if (NOT_A_PRODUCT.has(name)) continue;
    // "An app hosted on AWS meets HIPAA": after "on AWS" a word in lower case goes on the sentence.
    if (PLACE_WORDS.has((x[1] ?? "").trim().toLowerCase()) && /^[a-z]/.test(typed)) continue;
    const at = a.words.indexOf(name);
    if (at >= 0 && hits.some((h) => h.start <= at && h.end > at)) continue;
    // A capitalised name ("AWS Braket") or a word the knowledge base never uses ("amazon polly").
    // A verb in the third person ("AWS designs", "AWS forces") is a word we know with an "s".
    const verb = /^[a-z]/.test(typed) && /[^s]s$/.test(name) && knows(name.slice(0, -1));
    if ((!shouted && /^[A-Z]/.test(typed)) || (!knows(name) && !verb)) return typed;
  }
  return null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The variants named, also with the service's own name set inside the variant's words: "opted out of Elastic
 * Beanstalk managed platform updates" names the managed-updates-off variant as "opted out of managed…" does.
 */
function variantsNamed(
  words: string[],
  r: Readers,
  serviceHits: PhraseHit<Service>[],
): PhraseHit<{ service: Service; variant: Variant }>[] {
  const hits = r.variants.find(words);
  const named = new Set(
    serviceHits.flatMap((h) => Array.from({ length: h.end - h.start }, (_, i) => h.start + i)),
  );
  if (named.size === 0) return hits;
  const at = words.map((_, i) => i).filter((i) => !named.has(i));
  const seen = new Set(hits.map((h) => h.value.variant.id));
  for (const h of r.variants.find(at.map((i) => words[i] as string))) {
    const start = at[h.start] as number;
    const end = (at[h.end - 1] as number) + 1;
    // Only a name set inside the variant's words: the words around it stay the variant's own.
    const inside = serviceHits.some((x) => x.value === h.value.service && x.start > start && x.end < end);
    if (inside && !seen.has(h.value.variant.id)) hits.push({ ...h, start, end });
  }
  return hits;
}
