/**
 * Lets the event loop read and acknowledge the requests waiting behind this one before this one's answer is
 * worked out. Acknowledging is cheap and Slack retries a request not acknowledged within 3 s; answering
 * (engine, rendering, the response_url post) is most of the CPU. Without this, under load each
 * acknowledgement waited behind the previous requests' whole answers (npm run bench:http): the answer work
 * is the same, only the order changes.
 */
export function afterPendingRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
