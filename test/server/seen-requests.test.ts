// Two replicas given the same request claim its keys (event id, signature) in the shared store: exactly one of
// them must go on to answer it, whatever the timing of the two claims.
import { afterEach, describe, expect, it } from "vitest";
import { SeenRequests } from "../../src/server/seen-requests.js";
import type { Store } from "../../src/store/types.js";
import { type Backend, pgUrl, postgresBackend, silentLogger, sqliteBackend } from "../store/backends.js";

const url = pgUrl;
const backends: Array<() => Backend> = [sqliteBackend, ...(url ? [() => postgresBackend(url)] : [])];

/** The store as one replica sees it, each claim of the named key held back a little (a slower round trip). */
function slowFor(store: Store, slowKey: string): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== "claimRequest") return Reflect.get(target, prop, receiver);
      return async (key: string, expires: Date) => {
        if (key === slowKey) await new Promise((r) => setTimeout(r, 40));
        return target.claimRequest(key, expires);
      };
    },
  });
}

describe.each(backends.map((b) => [b().name, b] as const))(
  "claiming a request's keys on %s",
  (_name, make) => {
    let backend: Backend;
    afterEach(async () => backend?.cleanup());

    it("lets exactly one replica answer when each would win the other's first key", async () => {
      backend = make();
      const a = await backend.open();
      const b = await backend.openAnother();
      const keys = ["event:Ev0RACE", "sig:0RACE"];
      // Replica a is slow to claim the signature key, replica b the event key: claimed all at once, a would win
      // the event id and b the signature, and neither would answer.
      const [first, second] = await Promise.all([
        new SeenRequests(slowFor(a, "sig:0RACE"), silentLogger).firstTime(keys, 60_000),
        new SeenRequests(slowFor(b, "event:Ev0RACE"), silentLogger).firstTime([...keys].reverse(), 60_000),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      // A retry later, on either replica, is a repeat.
      expect(await new SeenRequests(a, silentLogger).firstTime(keys, 60_000)).toBe(false);
    });
  },
);
