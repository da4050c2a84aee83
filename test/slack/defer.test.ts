import { describe, expect, it } from "vitest";
import { afterPendingRequests, MAX_WAITING, roomForAnotherRequest } from "../../src/slack/defer.js";

const turn = () => new Promise<void>((r) => setImmediate(r));

describe("answers taking turns after their acknowledgement", () => {
  it("run in arrival order, at most eight per turn of the event loop", async () => {
    const ran: number[] = [];
    const all = Array.from({ length: 20 }, (_, i) => afterPendingRequests().then(() => ran.push(i)));
    const seen: number[] = [];
    for (let t = 0; t < 3; t += 1) {
      await turn();
      seen.push(ran.length);
    }
    await Promise.all(all);
    expect(seen).toEqual([8, 16, 20]);
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("takes a new request in at once while the queue has room", () => {
    expect(roomForAnotherRequest()).toBeUndefined();
  });

  it("makes new requests wait, in order, while the queue is full, and lets them in as it drains", async () => {
    const answers = Array.from({ length: MAX_WAITING }, () => afterPendingRequests());
    const admitted: string[] = [];
    const first = roomForAnotherRequest();
    const second = roomForAnotherRequest();
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBeInstanceOf(Promise);
    void first?.then(() => admitted.push("first"));
    void second?.then(() => admitted.push("second"));
    await Promise.resolve();
    expect(admitted).toEqual([]);
    await turn();
    expect(admitted).toEqual(["first", "second"]);
    await Promise.all(answers);
    expect(roomForAnotherRequest()).toBeUndefined();
  });

  it("lets waiting requests in even when none of those admitted queues an answer", async () => {
    const answers = Array.from({ length: MAX_WAITING }, () => afterPendingRequests());
    const waiters = Array.from({ length: MAX_WAITING * 3 }, () => roomForAnotherRequest());
    expect(waiters.every((w) => w instanceof Promise)).toBe(true);
    await Promise.all(answers);
    await Promise.all(waiters);
    expect(roomForAnotherRequest()).toBeUndefined();
  });
});
