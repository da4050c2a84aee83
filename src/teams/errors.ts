/**
 * What of an error is safe to log. Bot Framework HTTP errors carry the request they failed on, including its
 * Authorization header: never hand the raw error object to the logger.
 */
export function errorInfo(err: unknown): {
  name?: string;
  message: string;
  code?: string;
  statusCode?: number;
  stack?: string;
} {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.statusCode === "number" ? { statusCode: e.statusCode } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}
