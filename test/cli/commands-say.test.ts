// Commands say what they did: through the real CLI, the same words a chat user types.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";

const bin = join(projectRoot, "bin", "srm-bot.js");
const ask = (q: string) => {
  const r = spawnSync(process.execPath, [bin, "ask", q], { encoding: "utf8", cwd: "/" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe("srm-bot ask <command>", () => {
  it("compare with five services shows all five", () => {
    const out = ask("compare patching ec2 rds lambda eks fargate");
    for (const name of ["Amazon EC2", "Amazon RDS", "AWS Lambda", "Amazon EKS", "AWS Fargate"])
      expect(out).toContain(name);
    expect(out).not.toContain("Left out");
  });

  it("compare with more services than one comparison shows names the ones it left out", () => {
    const out = ask("compare patching ec2 rds lambda eks fargate s3 dynamodb ecs aurora elasticache");
    expect(out).toMatch(
      /Left out: Amazon Aurora and Amazon ElastiCache\. One comparison shows up to 8 services/,
    );
  });

  it.each(["compare", "compare patching"])("%j states the services it chose", (q) => {
    expect(ask(q)).toContain(
      "Patching across Amazon EC2, Amazon RDS and AWS Lambda, one of each service model — name services to choose.",
    );
  });

  it("compare with named services states no default", () => {
    expect(ask("compare patching ec2 rds")).not.toContain("name services to choose");
  });

  it("model xyz says xyz is not a service model, and shows the three", () => {
    const out = ask("model xyz");
    expect(out.split("\n")[0]).toMatch(
      /^“xyz” is not a service model\. The three are Infrastructure as a Service/,
    );
    expect(out).toContain("try model iaas, model paas or model serverless");
    expect(ask("model serverless")).not.toContain("is not a service model");
  });

  it("service foo names back what was typed and suggests real services", () => {
    const out = ask("service foo bar");
    expect(out).toContain("There is no service called “foo bar” in what I know.");
    expect(out).toMatch(/What am I responsible for with (Amazon|AWS) /);
    expect(ask("service lambda")).not.toContain("no service called");
  });
});

describe("srm-bot ask controls", () => {
  it.each(["controls", "/srm shared", "shared controls"])(
    "%j lists the shared controls and names the other two kinds",
    (q) => {
      const out = ask(q);
      for (const name of ["Patch management", "Configuration management", "Awareness and training"])
        expect(out).toContain(name);
      expect(out).toContain("inherited controls");
      expect(out).toContain("customer-specific controls");
    },
  );

  it("shared followed by a question is the question", () => {
    expect(ask("shared responsibility for s3")).not.toContain("inherited controls");
  });
});
