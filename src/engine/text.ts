// Text normalisation shared by indexing and querying: both sides must go through exactly the same steps,
// or a word in a question would never meet its twin in the index.

/** Longest question the engine looks at; anything beyond is chat noise, not a question. */
export const MAX_QUESTION_CHARS = 500;

const SLACK_MENTION = /<[@#!][^>]*>/g;
const SLACK_LINK = /<(https?:[^|>]*)(?:\|([^>]*))?>/g;
const TEAMS_MENTION = /<at>[^<]*<\/at>/gi;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const PLAIN_MENTION = /(^|\s)@srm[-_ ]?bot\b/gi;
// A bare URL says nothing about who owns what ("https" would read as encryption in transit).
const BARE_URL = /\bhttps?:\/\/[^\s)\]>]+/gi;
// Emoji shortcodes (":shield:", ":fire:") are decoration, not service names.
const EMOJI = /:[a-z0-9_+-]+:/g;
const SPACES = /\s+/g;
// "the aws/ebs kms key", "a managed key like aws/s3": the alias of an AWS managed KMS key, whichever service
// it is for; only beside a word about keys ("aws/cust?" is a choice, "aws/codebuild/standard" an image).
const AWS_KEY_ALIAS = /\b(?:alias\/)?aws\/[a-z0-9-]+(?![/a-z0-9-])/gi;
const KEY_CONTEXT = /\b(?:keys?|kms|cmks?|alias)\b/i;
const KEY_REACH = 24;
// An API field quoted as code (`BackupRetentionPeriod`) is its words run together: they are read apart.
const CODE_SPAN = /`([A-Za-z0-9]+)`/g;
const CAMEL_HUMP = /([a-z0-9])([A-Z][a-z])/g;
// Control characters and invisible direction marks: they can only confuse matching or hide text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** Removes chat mark-up (mentions in Slack, Teams and plain form, links, tags) and control characters. */
export function stripChatMarkup(raw: string): string {
  let s = raw.slice(0, MAX_QUESTION_CHARS * 4).replace(CONTROL, " ");
  // Each kind of mark-up starts with a character most questions do not contain: skip what cannot match.
  if (s.includes("<")) {
    s = s
      .replace(TEAMS_MENTION, " ")
      // A link after the question ("…policy? ref <url|SQS infra security>") cites a page: its title is not asked.
      .replace(SLACK_LINK, (_m, url: string, label: string | undefined, at: number, whole: string) =>
        whole.lastIndexOf("?", at) >= 0 ? " " : ` ${label ?? url} `,
      )
      .replace(SLACK_MENTION, " ")
      .replace(HTML_TAG, " ");
  }
  if (s.includes("@")) s = s.replace(PLAIN_MENTION, " ");
  if (s.includes("://")) s = s.replace(BARE_URL, " ");
  if (s.includes("/")) s = s.replace(AWS_KEY_ALIAS, keyAlias);
  if (s.includes(":")) s = s.replace(EMOJI, " ");
  if (s.includes("`"))
    // Any other code span (`/srm service dynamodb`) is its text: a command quoted as code is still one.
    s = s
      .replace(CODE_SPAN, (_m, name: string) => ` ${name.replace(CAMEL_HUMP, "$1 $2")} `)
      .replace(/`+/g, " ");
  if (s.includes("&")) s = s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  return s.replace(SPACES, " ").trim().slice(0, MAX_QUESTION_CHARS);
}

function keyAlias(alias: string, at: number, whole: string): string {
  const around = whole.slice(Math.max(0, at - KEY_REACH), at + alias.length + KEY_REACH);
  return KEY_CONTEXT.test(around) ? " AWS managed key " : alias;
}

/** Lower-cases and splits into ASCII-ish word tokens; accents are folded so "sécurité" still meets "securite". */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]s\b/g, "")
    .replace(/['’`]/g, "");
  return folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/**
 * Chat shorthand expanded to the words the knowledge base uses. Applied before typo correction, so the
 * expansions must be words the index knows.
 */
export const ABBREVIATIONS: Record<string, string[]> = {
  os: ["operating", "system"],
  oss: ["operating", "system"],
  sg: ["security", "group"],
  sgs: ["security", "group"],
  scp: ["service", "control", "policy"],
  scps: ["service", "control", "policy"],
  rcp: ["resource", "control", "policy"],
  rcps: ["resource", "control", "policy"],
  nacl: ["network", "acl"],
  nacls: ["network", "acl"],
  db: ["database"],
  dbs: ["database"],
  fn: ["function"],
  fns: ["function"],
  func: ["function"],
  funcs: ["function"],
  mfa: ["multi", "factor", "authentication"],
  "2fa": ["multi", "factor", "authentication"],
  tls: ["encryption", "in", "transit"],
  ssl: ["encryption", "in", "transit"],
  https: ["encryption", "in", "transit"],
  hw: ["hardware"],
  sw: ["software"],
  dc: ["data", "center"],
  dcs: ["data", "center"],
  datacenter: ["data", "center"],
  datacenters: ["data", "center"],
  datacentre: ["data", "center"],
  datacentres: ["data", "center"],
  centre: ["center"],
  centres: ["center"],
  az: ["availability", "zone"],
  azs: ["availability", "zone"],
  config: ["configuration"],
  configs: ["configuration"],
  cfg: ["configuration"],
  perms: ["permission"],
  creds: ["credential"],
  pwd: ["password"],
  pw: ["password"],
  vuln: ["vulnerability"],
  vulns: ["vulnerability"],
  infra: ["infrastructure"],
  env: ["environment"],
  envs: ["environment"],
  ami: ["machine", "image"],
  amis: ["machine", "image"],
  ddos: ["ddos"],
  pentest: ["penetration", "test"],
  pentesting: ["penetration", "testing"],
  w: ["with"],
  u: ["you"],
  ur: ["your"],
  r: ["are"],
  pls: ["please"],
  plz: ["please"],
  vs: ["versus"],
  snap: ["snapshot"],
  sec: ["security"],
  amzn: ["amazon"],
  grp: ["group"],
  grps: ["group"],
  mgr: ["manager"],
  mgmt: ["management"],
  acct: ["account"],
  cert: ["certificate"],
  certs: ["certificate"],
  snaps: ["snapshot"],
};

/** Word pairs read as one word: the first word alone would be a stopword, and the pair decides the owner. */
export const COMPOUNDS: Record<string, string> = {
  "customer managed": "customermanaged",
  "customer provided": "customerprovided",
  "customer owned": "customerowned",
  "aws managed": "awsmanaged",
  "aws owned": "awsowned",
  "amazon managed": "awsmanaged",
  "self managed": "selfmanaged",
};

/** Words that carry no meaning for matching a task: question words, pronouns, "who owns" verbs. */
export const STOPWORDS = new Set(
  `a an the of for on in at to with by from about into onto my our we i me you your yours it its it that this these those
   is are was were be been being am do does did done doing have has had can could should would will shall must may might
   who whom whose what which when where why how whats wheres hows whos
   responsible responsibility responsibilities handle handles handled handling own owns owned owner owning ownership
   job jobs task tasks duty duties care take takes taking charge part role
   aws amazon customer customers us them they their theirs he she his her one ones
   need needs please hey hi hello thanks thank yo ok okay so then than also just really actually
   or and but if not no yes there here any some all every each
   srm bot question tell say know let side mine ours theirs yours myself ourselves yourself themselves
   make makes making made sure set sets setting up get gets getting got use uses using used still via like
   stuff thing things etc eg ie kind sort basically exactly anyone someone somebody whoever supposed
   accountable look looks looking after fall falls hook deal deals dealing worry whether would im ive were weve
   go goes going done doing should wondering wonder quick q wat wut wht whats whos hows u ur pls plz versus`.split(
    /\s+/,
  ),
);

const STEM_RULES: Array<[RegExp, string]> = [
  [/ification(s)?$/, "ify"],
  [/ications?$/, "ic"],
  [/ations?$/, ""],
  [/ating$/, ""],
  [/ated$/, ""],
  [/ates?$/, ""],
  [/enc(y|ies|e|es)$/, ""],
  [/(ies|ied|ying)$/, "y"],
  [/ments?$/, ""],
  [/ions?$/, ""],
  [/ity$/, ""],
  [/ings?$/, ""],
  [/ers?$/, ""],
  [/ed$/, ""],
  [/(ch|sh|x|ss)es$/, "$1"],
  [/es$/, ""],
  [/([^su])s$/, "$1"],
  [/e$/, ""],
];

/** A small suffix stripper: enough to make "patches", "patching" and "patched" one word. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const [re, rep] of STEM_RULES) {
    if (!re.test(word)) continue;
    let out = word.replace(re, rep);
    if (out.length < 3) continue;
    // "logging" -> "logg" -> "log", "management" -> "manage" -> "manag": one tidy-up pass.
    if (/([b-df-hj-np-rtv-z])\1$/.test(out) && !/(ll|ss|zz)$/.test(out)) out = out.slice(0, -1);
    else if (out.endsWith("e") && out.length > 3) out = out.slice(0, -1);
    return out;
  }
  return word;
}

/** Stems that mean the same thing in this domain, folded to one. */
const SYNONYM_STEMS: Record<string, string> = {
  upd: "patch",
  upgrad: "patch",
  patche: "patch",
  hotfix: "patch",
  firewal: "firewall",
  privileg: "permiss",
  permission: "permiss",
  grant: "permiss",
  authoriz: "permiss",
  authoris: "permiss",
  decrypt: "encrypt",
  security: "secur",
  protect: "secur",
  safeguard: "secur",
  snapshot: "backup",
  maintenanc: "maintain",
  vm: "instanc",
};

const canonicalMemo = new Map<string, string>();

/** Stem plus synonym folding; memoised per word (bounded: typos make the word set open-ended). */
export function canonical(word: string): string {
  let c = canonicalMemo.get(word);
  if (c === undefined) {
    const s = stem(word);
    // Own keys only: a question word such as "constructor" must not find Object.prototype's.
    c = Object.hasOwn(SYNONYM_STEMS, s) ? (SYNONYM_STEMS[s] as string) : s;
    if (canonicalMemo.size > 50_000) canonicalMemo.clear();
    canonicalMemo.set(word, c);
  }
  return c;
}
