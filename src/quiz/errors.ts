/**
 * What a Notifier throws when a post failed. `permanent` means retrying cannot help (the bot was removed
 * from the channel, the channel is archived): the scheduler pauses that channel's subscription, and
 * `quiz daily` in the channel resumes it. Any other error is retried at the next tick within the grace window.
 */
export class QuizPostError extends Error {
  readonly permanent: boolean;
  constructor(message: string, opts: { permanent: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "QuizPostError";
    this.permanent = opts.permanent;
  }
}

export function isPermanentPostError(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { permanent?: unknown }).permanent === true;
}

/** No notifier can be built for a platform (its adapter is not configured or not available). */
export class NotifierUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotifierUnavailableError";
  }
}
