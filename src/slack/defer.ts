// Answers wait here for their turn, after their request has been acknowledged. Acknowledging is cheap and
// Slack retries (or reports as failed) a request not acknowledged within 3 s; answering (engine, rendering,
// the response_url post) is most of the CPU. Two rules, both measured with npm run bench:http:
// - Answers queued in one turn of the event loop run in the next, at most BATCH of them, so the requests
//   that arrived meanwhile are read and acknowledged in between: a burst (after a GC pause, say) cannot hold
//   every acknowledgement behind all of its answers.
// - When MAX_WAITING answers are already queued, new requests are not taken in until the queue has room:
//   under overload the acknowledgements slow down (the sender's backpressure) instead of the queue, and
//   memory, growing without bound.

const BATCH = 8;
export const MAX_WAITING = 64;

const waiting: Array<() => void> = [];
const admissions: Array<() => void> = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // Set from inside the check phase, the next turn comes after the loop has polled for I/O again.
  setImmediate(nextTurn);
}

function nextTurn(): void {
  scheduled = false;
  const batch = waiting.splice(0, BATCH);
  for (let admitted = 0; admissions.length > 0 && waiting.length + admitted < MAX_WAITING; admitted += 1)
    admissions.shift()?.();
  if (waiting.length > 0 || admissions.length > 0) schedule();
  for (const go of batch) go();
}

/** Resolves when this answer's turn comes. */
export function afterPendingRequests(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}

/** Undefined when a new request can be taken in now; else resolves when the answer queue has room. */
export function roomForAnotherRequest(): Promise<void> | undefined {
  if (waiting.length + admissions.length < MAX_WAITING) return undefined;
  return new Promise((resolve) => {
    admissions.push(resolve);
    schedule();
  });
}
