import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";

const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
const engine = createEngine(kb);

describe("who_owns", () => {
  it.each([
    ["who handles RDS patching?", "aws", "rds"],
    ["@srm-bot who patches the guest OS on my EC2 instances", "customer", "ec2"],
    ["<@U0123ABC> who owns physical security of the data centers", "aws", null],
    ["<at>srm-bot</at> is encrypting data in transit my job?", "customer", null],
    ["who pathces the hypervisor", "aws", null],
    ["who is responsible for patch management", "shared", null],
    ["do i need to rotate iam access keys myself", "customer", "iam"],
    ["who runs the k8s control plane", "aws", "eks"],
    ["WHO WRITES THE S3 BUCKET POLICIES", "customer", "s3"],
    ["who configures security groups", "customer", undefined],
    ["who secures the code inside my lambda functions", "customer", "lambda"],
    ["who applies patches to the lambda runtime", "aws", "lambda"],
    // What "not" sets aside is not the layer asked about.
    ["not our guest os, the host os under our ec2 instance: who patches it?", "aws", "ec2"],
    // A story naming managed node groups, then asking about the self-managed ones.
    ["we use managed node groups on eks. for our self-managed nodes, who patches the os?", "customer", "eks"],
    // A variant that is a service of its own is answered as that service.
    ["ECS on Fargate: who patches the hosts under our tasks?", "aws", "fargate"],
    // An everyday word names the service of the entry that answers: "our bucket" is S3.
    ["whos on the hook for the bucket policies on our static site bucket", "customer", "s3"],
    // An image the service provides is its software; one the customer builds is their application.
    ["does aws keep codebuild's curated build images patched", "aws", "codebuild"],
    ["who patches my custom codebuild image", "customer", "codebuild"],
    // A service whose OS is always the customer's: "patched" is about that OS, not the service's software.
    ["does aws keep our workspaces desktops patched or does our IT team?", "customer", "workspaces"],
    // Managers' plain words for a service name it as surely as its alias.
    ["who decides which staff can open the files in our cloud storage?", "customer", "s3"],
    ["we rent servers from amazon: who installs antivirus on them?", "customer", "ec2"],
    // AWS's certifications do not make the customer's own app compliant.
    [
      "AWS holds PCI certifications, so our payments app on ECS is automatically compliant, right?",
      "customer",
      "ecs",
    ],
    // "Is it on us?" asks about the duty in the story, not for the service's whole split.
    ["our fargate task got owned through an old library in its image. is that on us?", "customer", "fargate"],
  ])("%s → %s", (q, owner, service) => {
    const a = engine.resolve(q);
    expect(a.intent).toBe("who_owns");
    expect(a.owner).toBe(owner);
    if (service !== undefined) expect(a.service).toBe(service);
    expect(a.detail.kind).toBe("entry");
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.headline.length).toBeGreaterThan(10);
  });

  // An OS that AWS runs in the customer's place is the service's own software; one on instances in the
  // customer's account (Beanstalk's platform) stays a guest OS, whoever applies its updates.
  it.each([
    ["ECS on Fargate: who patches the OS the tasks run on?", "aws", "service-software"],
    ["EMR Serverless: who runs the workers for our Spark jobs?", "aws", "service-software"],
    ["EKS Auto Mode: who rolls out OS security patches to the nodes?", "aws", "service-software"],
    ["who patches the os of our eks self-managed nodes", "customer", "guest-os"],
    ["Beanstalk with managed platform updates on: who applies patch updates?", "aws", "guest-os"],
    // AWS's act within that shared guest OS: making the patched platform versions is the service's software.
    ["elastic beanstalk: who tests and releases the patched platform versions?", "aws", "service-software"],
    // Making the update named outright outranks the set-up verb it starts with ("creates").
    [
      "elastic beanstalk: who creates and publishes new platform versions with the OS fixes?",
      "aws",
      "service-software",
    ],
    // "We only pick the window": the part the asker says is theirs is not what is asked.
    [
      "Amazon FSx for NetApp ONTAP: who installs the software patches on the file system? we only pick the weekly maintenance window, right?",
      "aws",
      "service-software",
    ],
    // A certificate got from ACM and attached to CloudFront: no move from one service to another.
    [
      "we request a public certificate from ACM with DNS validation and attach it to CloudFront: who handles its renewal?",
      "aws",
      "encryption",
    ],
    // Isolating an instance after a finding is incident response, not the hypervisor's isolation of tenants.
    [
      "GuardDuty found crypto mining on one of our instances. Does AWS isolate the instance or do we?",
      "customer",
      "logging-monitoring",
    ],
  ])("%s → %s at %s", (q, owner, layer) => {
    expect(engine.resolve(q)).toMatchObject({ intent: "who_owns", owner, layer });
  });

  it("reads 'auto mode' beside Lambda as Lambda's runtime mode, not EKS Auto Mode", () => {
    const r = engine.read("lambda runtime updates in auto mode, who applies them");
    expect(r.variant).toBeNull();
    expect(r.services.map((x) => x.id)).toEqual(["lambda"]);
  });

  it("answers a duty of one cross-cutting service as that service's, even when it goes unnamed", () => {
    expect(engine.resolve("who sets up mfa on the root user?")).toMatchObject({ service: "iam" });
    // AWS's own side of the stack belongs to no one service.
    expect(engine.resolve("who guards the doors of the data centers?")).toMatchObject({ service: null });
  });

  it("reads an API field quoted as code as its words", () => {
    const r = engine.read("who sets `PreferredBackupWindow` on our rds instance");
    expect(r.analysis.words).toEqual(expect.arrayContaining(["preferred", "backup", "window"]));
    expect(r.layer).toBe("resilience");
  });

  it("answers the one service a comparison turns to, and compares when it turns to none", () => {
    const picked = engine.resolve("ec2 vs lambda: on lambda, who patches the runtime?");
    expect([picked.intent, picked.owner, picked.service]).toEqual(["who_owns", "aws", "lambda"]);
    expect(engine.resolve("who patches the os: ec2 vs lambda").intent).toBe("compare");
  });

  it("says what the other party still owns and where the fact comes from", () => {
    const a = engine.resolve("who handles RDS patching?");
    if (a.detail.kind !== "entry") throw new Error("expected an entry");
    expect(a.detail.otherParty).toMatch(/window|upgrade/i);
    expect(a.detail.source.title.length).toBeGreaterThan(3);
    expect(a.detail.caveats.some((c) => /custom/i.test(c.label))).toBe(true);
    expect(a.model).toBe("paas");
  });

  it("answers every entry's own statement with that entry or offers it as a close call", () => {
    const misses = kb.entries.filter((e) => {
      const a = engine.resolve(e.statement);
      return a.entry !== e.id && !(a.detail.kind === "entry" && a.detail.closeCall?.id === e.id);
    });
    expect(misses.map((e) => e.id)).toEqual([]);
  });
});

describe("other intents", () => {
  it.each([
    [
      "what am I responsible for with Lambda?",
      "service_overview",
      { service: "lambda", model: "serverless" },
    ],
    ["what does aws handle for dynamo", "service_overview", { service: "dynamodb" }],
    ["iaas vs paas vs serverless", "service_model", { model: null }],
    ["what do i manage in serverless", "service_model", { model: "serverless" }],
    ["what's on us for lambda?", "service_overview", { service: "lambda" }],
    ["what are the shared controls", "shared_controls", { owner: "shared" }],
    ["patching on EC2 vs RDS vs Lambda", "compare", {}],
    // Three services listed: a general entry that fits the topic well does not make it one duty.
    ["data classification responsibility across s3, efs and fsx", "compare", {}],
    ["quiz me", "quiz", {}],
    ["<@U0123ABC> show the leaderboard", "leaderboard", {}],
    ["help", "help", {}],
    ["what can you do?", "help", {}],
  ])("%s → %s", (q, intent, fields) => {
    const a = engine.resolve(q);
    expect(a.intent).toBe(intent);
    expect(a).toMatchObject({ owner: null, ...fields });
  });

  it("reads a model named in the plural of its alias ('container services')", () => {
    expect(engine.model("containers")).toMatchObject({ intent: "service_model", model: "paas" });
    expect(engine.model("infrastructure")).toMatchObject({ model: "iaas" });
  });

  it("answers compare as a matrix across the services asked", () => {
    const a = engine.resolve("patching on EC2 vs RDS vs Lambda");
    if (a.detail.kind !== "compare") throw new Error("expected a compare answer");
    expect(a.detail.topic).toBe("patching");
    expect(a.detail.rows.map((r) => [r.service.id, r.owner])).toEqual([
      ["ec2", "customer"],
      ["rds", "aws"],
      ["lambda", "aws"],
    ]);
  });
});

describe("it does not guess", () => {
  it.each([
    "what's the weather",
    "who is the CEO of Amazon",
    "tell me a joke",
    "how much does ec2 cost",
    "write me a python script to sort a list",
    "who patches azure vms",
  ])("%s → fallback with at most three suggestions", (q) => {
    const a = engine.resolve(q);
    expect(a.intent).toBe("fallback");
    expect(a.owner).toBeNull();
    expect(a.entry).toBeNull();
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ["who patches the OS on AWS IoT Greengrass core devices", "iotcore"],
    ["Amazon Managed Grafana: who patches the servers?", "grafana"],
    // Unbranded: the product's own name, from the lexicon's products outside the contract.
    ["iot greengrass core devices in the plant: who patches their os", "iotcore"],
    ["who secures the kinesis video streams our cameras send", "kinesis"],
  ])("%s is not answered as a look-alike service", (q, lookAlike) => {
    const a = engine.resolve(q);
    expect(a.service).toBeNull();
    expect(JSON.stringify(a)).not.toContain(`"${lookAlike}-`);
  });
});

describe("a part named by another service's name", () => {
  it.each([
    ["correct me if I'm wrong: the HSM hardware behind KMS is maintained by AWS, not us", "kms"],
    ["who operates the HSM fleet behind KMS", "kms"],
    // Without KMS, the HSMs are CloudHSM's.
    ["who should make sure we run at least two hsms in separate azs", "cloudhsm"],
  ])("%s is about %s", (q, service) => {
    const a = engine.resolve(q);
    expect(a.service).toBe(service);
    if (service === "kms") expect(a).toMatchObject({ owner: "aws", layer: "hardware" });
  });
});

describe("bad input gets a clean answer", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   \n\t  "],
    ["10,000 characters", "patch ".repeat(1667)],
    ["emoji", "🔥🔥🔥 🤖"],
    ["control characters", "\u0000\u0001\u0007\u001b[2J\u202e"],
    ["markup", "<script>alert(1)</script><b>hi</b>"],
    ["mention syntax only", "<@U0123ABC> <!channel> <!here> <at>srm-bot</at>"],
    ["not a string", 42 as unknown as string],
  ])("%s", (_name, q) => {
    const a = engine.resolve(q);
    expect(typeof a.intent).toBe("string");
    expect(a.question.length).toBeLessThanOrEqual(500);
    expect(a.question).not.toMatch(/<!channel>|<@U/);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
