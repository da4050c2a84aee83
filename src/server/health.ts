import type { Express } from "express";

export interface CheckResult {
  ok: boolean;
  /** Short, safe to show publicly: no hostnames with credentials, no tokens. */
  detail: string;
}

export interface ReadinessCheck {
  name: string;
  run(): CheckResult | Promise<CheckResult>;
}

export interface HealthOptions {
  /** Read on every call, so checks added while adapters start are included. */
  checks: () => ReadinessCheck[];
  isShuttingDown: () => boolean;
  /** A check that has not answered by then counts as failed (a hung database must not hang the probe). */
  checkTimeoutMs?: number;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.run()), timeout]);
  } catch (err) {
    return { ok: false, detail: (err as Error).message || "check failed" };
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz`: the process answers. `/readyz`: it can do its job — each check named, failures listed. */
export function mountHealth(app: Express, opts: HealthOptions): void {
  const timeoutMs = opts.checkTimeoutMs ?? 2000;
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const checks = opts.checks();
    const results = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
    const byName: Record<string, CheckResult> = {};
    checks.forEach((c, i) => {
      byName[c.name] = results[i] ?? { ok: false, detail: "no result" };
    });
    if (opts.isShuttingDown()) byName.shutdown = { ok: false, detail: "shutting down" };
    const failed = Object.entries(byName)
      .filter(([, r]) => !r.ok)
      .map(([name]) => name);
    res.setHeader("cache-control", "no-store");
    res
      .status(failed.length ? 503 : 200)
      .json({ status: failed.length ? "not_ready" : "ready", failed, checks: byName });
  });
}
