import type { Category } from "../knowledge/schema.js";
import { canonical } from "./text.js";

/** Human names of the categories, as a matrix or card heading shows them. */
export const CATEGORY_NAME: Record<Category, string> = {
  patching: "Patching",
  "identity-access": "Identity & access",
  encryption: "Encryption",
  network: "Network",
  physical: "Physical security",
  configuration: "Configuration",
  data: "Data",
  code: "Code",
  "logging-monitoring": "Logging & monitoring",
  resilience: "Backups & resilience",
  training: "Awareness & training",
  compliance: "Compliance",
  infrastructure: "Infrastructure",
};

const TOPIC_WORDS: Array<[Category, string[]]> = [
  ["patching", ["patch", "patching", "update", "upgrade", "hotfix"]],
  ["encryption", ["encryption", "encrypt", "encrypted"]],
  ["identity-access", ["access", "permissions", "iam", "credentials", "mfa", "authentication", "identity"]],
  ["network", ["network", "networking", "firewall", "traffic", "subnet", "routing"]],
  ["physical", ["physical", "hardware"]],
  ["configuration", ["configuration", "configure", "settings", "hardening"]],
  ["logging-monitoring", ["logging", "logs", "monitoring", "audit", "auditing"]],
  [
    "resilience",
    [
      "backup",
      "backups",
      "snapshots",
      "failover",
      "recovery",
      "availability",
      "durability",
      "scaling",
      "capacity",
    ],
  ],
  ["code", ["code", "application"]],
  ["training", ["training", "awareness"]],
  ["compliance", ["compliance"]],
  ["data", ["data", "classification"]],
];

/** Question stems that name a compare topic. */
export const TOPIC_STEMS = new Map<string, Category>(
  TOPIC_WORDS.flatMap(([cat, words]) => words.map((w) => [canonical(w), cat] as [string, Category])),
);
