import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import type { Entry } from "../../src/knowledge/schema.js";

const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });

describe("the committed knowledge base", () => {
  it("has at least 150 entries with unique ids", () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(kb.entries.map((e) => e.id)).size).toBe(kb.entries.length);
  });

  const required =
    "ec2 ebs vpc iam s3 rds aurora dynamodb lambda ecs eks fargate elasticbeanstalk kms cloudtrail cloudfront shield waf elasticache redshift lightsail apigateway sqs sns secretsmanager outposts".split(
      " ",
    );
  it.each(required)("covers service %s with entries", (id) => {
    expect(kb.services.some((s) => s.id === id)).toBe(true);
    expect(kb.entries.filter((e) => e.services.includes(id)).length).toBeGreaterThanOrEqual(2);
  });

  it("resolves every related id and service", () => {
    const ids = new Set(kb.entries.map((e) => e.id));
    const services = new Set(kb.services.map((s) => s.id));
    for (const e of kb.entries) {
      for (const r of e.related) expect(ids.has(r), `${e.id} → ${r}`).toBe(true);
      for (const s of e.services) expect(services.has(s), `${e.id} → ${s}`).toBe(true);
    }
  });

  // The seed's examples, owners corrected: its second "customer" list is AWS's.
  const seed: Array<[string, Entry["owner"]]> = [
    ["dynamodb-table-access", "customer"],
    ["security-group-rules", "customer"],
    ["data-classification", "customer"],
    ["lambda-function-code", "customer"],
    ["client-side-encryption", "customer"],
    ["iam-credentials", "customer"],
    ["ec2-guest-os-configuration", "customer"],
    ["s3-client-side-encryption", "customer"],
    ["iam-least-privilege", "customer"],
    ["ec2-guest-os-patching", "customer"],
    ["data-encryption-options", "customer"],
    ["iam-access-key-rotation", "customer"],
    ["physical-datacenter-security", "aws"],
    ["hypervisor-patching", "aws"],
    ["infrastructure-device-configuration", "aws"],
    ["ec2-hardware-maintenance", "aws"],
    ["vpc-infrastructure-maintenance", "aws"],
    ["availability-zone-software", "aws"],
    ["rds-os-patching", "aws"],
    ["patch-management-control", "shared"],
  ];
  it.each(seed)("has the seed example %s owned by %s", (id, owner) => {
    const e = kb.entries.find((x) => x.id === id);
    expect(e?.owner).toBe(owner);
    expect(e?.seed).toBe(true);
  });

  it("has the three service models and the three shared controls", () => {
    expect(kb.models.map((m) => m.id).sort()).toEqual(["iaas", "paas", "serverless"]);
    expect(kb.controls.map((c) => c.id).sort()).toEqual([
      "awareness-training-control",
      "configuration-management-control",
      "patch-management-control",
    ]);
  });
});

describe("invalid knowledge files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "srm-kb-"));
    cpSync(defaultDataDir, join(dir, "data"), { recursive: true });
    cpSync(defaultIntentsDir, join(dir, "intents"), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = () =>
    loadKnowledge({ dataDir: join(dir, "data"), intentsDir: join(dir, "intents"), root: dir });
  const edit = (file: string, change: (entries: Record<string, unknown>[]) => void) => {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
    change(json);
    writeFileSync(path, JSON.stringify(json));
  };
  const problemsOf = () => {
    try {
      load();
    } catch (err) {
      expect(err).toBeInstanceOf(KnowledgeError);
      return (err as KnowledgeError).problems;
    }
    throw new Error("expected the knowledge base to be rejected");
  };

  it.each([
    ["a wrong owner", (e: Record<string, unknown>) => (e.owner = "amazon"), "owner"],
    ["a missing rationale", (e: Record<string, unknown>) => delete e.rationale, "rationale"],
    ["a bad date", (e: Record<string, unknown>) => (e.reviewed = "last week"), "reviewed"],
    [
      "a bad source URL",
      (e: Record<string, unknown>) =>
        (e.source = { kind: "aws", title: "x page", url: "http://example.com" }),
      "source.url",
    ],
    ["one phrasing", (e: Record<string, unknown>) => (e.phrasings = ["only one"]), "phrasings"],
  ])("names file, entry and field for %s", (_name, change, field) => {
    let id = "";
    edit("data/entries/general.json", (entries) => {
      const e = entries[0] as Record<string, unknown>;
      id = e.id as string;
      change(e);
    });
    const problems = problemsOf();
    expect(problems).toContainEqual(
      expect.objectContaining({ file: join("data", "entries", "general.json"), entry: id, field }),
    );
  });

  it("reports every problem at once, across files", () => {
    edit("data/entries/general.json", (entries) => {
      (entries[0] as Record<string, unknown>).owner = "nobody";
      (entries[1] as Record<string, unknown>).category = "vibes";
    });
    edit("data/services.json", (services) => {
      (services[0] as Record<string, unknown>).model = "saas";
    });
    expect(problemsOf().length).toBeGreaterThanOrEqual(3);
  });

  it("catches unknown related ids, unknown services and duplicate ids", () => {
    edit("data/entries/general.json", (entries) => {
      const [a, b] = entries as Array<Record<string, unknown>>;
      (a as Record<string, unknown>).related = ["no-such-entry"];
      (a as Record<string, unknown>).services = ["nosuchservice"];
      (b as Record<string, unknown>).id = (a as Record<string, unknown>).id;
    });
    const messages = problemsOf().map((p) => `${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'related.0: unknown entry "no-such-entry"',
        'services.0: unknown service "nosuchservice"',
        "id: id is used twice",
      ]),
    );
  });

  it("catches a variant answered as a service that does not exist", () => {
    edit("data/services.json", (services) => {
      const ecs = (services as Array<{ id: string; variants?: Array<Record<string, unknown>> }>).find(
        (s) => s.id === "ecs",
      );
      (ecs?.variants?.[0] as Record<string, unknown>).answeredAs = "nosuchservice";
    });
    expect(problemsOf()).toContainEqual(
      expect.objectContaining({
        file: join("data", "services.json"),
        entry: "ecs",
        field: "variants.0.answeredAs",
        message: 'unknown service "nosuchservice"',
      }),
    );
  });

  it("catches a variant that leaves an entry that does not exist", () => {
    edit("data/services.json", (services) => {
      const eb = (services as Array<{ id: string; variants?: Array<Record<string, unknown>> }>).find(
        (s) => s.id === "elasticbeanstalk",
      );
      (eb?.variants?.[0] as Record<string, unknown>).leaves = ["no-such-entry"];
    });
    expect(problemsOf()).toContainEqual(
      expect.objectContaining({
        file: join("data", "services.json"),
        entry: "elasticbeanstalk",
        field: "variants.0.leaves.0",
        message: 'unknown entry "no-such-entry"',
      }),
    );
  });

  it.each(["impliedServices", "partNames"])("catches %s naming a service that does not exist", (list) => {
    edit("intents/lexicon.json", (lex) => {
      const items = (lex as unknown as Record<string, Array<{ service: string }>>)[list];
      (items?.[0] as { service: string }).service = "nosuchservice";
    });
    expect(problemsOf()).toContainEqual(
      expect.objectContaining({
        file: join("intents", "lexicon.json"),
        entry: `${list}.0`,
        field: "service",
        message: 'unknown service "nosuchservice"',
      }),
    );
  });

  it("reports malformed JSON with the file name", () => {
    writeFileSync(join(dir, "data", "services.json"), "[{ not json");
    const [p] = problemsOf();
    expect(p?.file).toBe(join("data", "services.json"));
    expect(p?.message).toMatch(/not valid JSON/);
  });

  it("gives the line and column of a JSON syntax error, as file:line:column", () => {
    const file = join(dir, "data", "entries", "general.json");
    const text = readFileSync(file, "utf8");
    // A second comma after the first entry's id: the error is at the second one, column counted from 1.
    const at = text.indexOf('"id"');
    const end = text.indexOf(",", at);
    writeFileSync(file, `${text.slice(0, end)},,${text.slice(end + 1)}`);
    const before = text.slice(0, end + 1);
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const problems = problemsOf();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: join("data", "entries", "general.json"), line, column });
    expect(problems[0]?.message).not.toMatch(/position/);
    try {
      load();
    } catch (err) {
      expect((err as Error).message).toContain(
        `${join("data", "entries", "general.json")}:${line}:${column}: not valid JSON`,
      );
    }
  });

  it('calls a missing field "missing"', () => {
    let id = "";
    edit("data/entries/general.json", (entries) => {
      const e = entries[0] as Record<string, unknown>;
      id = e.id as string;
      delete e.rationale;
    });
    expect(problemsOf()).toContainEqual({
      file: join("data", "entries", "general.json"),
      entry: id,
      field: "rationale",
      message: "missing (expected a string)",
    });
  });

  it("lists format and reference problems in one round, each mistake once", () => {
    let ids: string[] = [];
    edit("data/entries/general.json", (entries) => {
      const [a, b, c] = entries as Array<Record<string, unknown>>;
      ids = [a, b, c].map((e) => (e as Record<string, unknown>).id as string);
      (a as Record<string, unknown>).owner = "nobody";
      (b as Record<string, unknown>).related = ["no-such-entry"];
      // Refers to the invalid entry: its own problem is reported, not a second "unknown entry".
      (c as Record<string, unknown>).related = [ids[0]];
    });
    const problems = problemsOf();
    expect(problems.map((p) => `${p.entry} ${p.field}: ${p.message}`)).toEqual([
      `${ids[0]} owner: ${problems[0]?.message}`,
      `${ids[1]} related.0: unknown entry "no-such-entry"`,
    ]);
    expect(problems[0]?.message).toMatch(/aws/);
  });
});
