import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";

/** Every error response is the same small JSON shape; the request id lets an operator find the log line. */
export function sendError(req: Request, res: Response, status: number, error: string, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(status).json({ error, message, ...(req.id ? { requestId: req.id } : {}) });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(req, res, 404, "not_found", "There is nothing at this address.");
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** What body parsers (express, Bolt's raw-body, botbuilder) throw, mapped to a client error. */
function clientError(err: HttpishError): { status: number; error: string; message: string } | null {
  const status = err.status ?? err.statusCode;
  switch (err.type) {
    case "entity.too.large":
      return { status: 413, error: "payload_too_large", message: "The request body is larger than 1 MB." };
    case "entity.parse.failed":
      return { status: 400, error: "malformed_body", message: "The request body is not valid JSON." };
    case "encoding.unsupported":
    case "charset.unsupported":
      return {
        status: 415,
        error: "unsupported_encoding",
        message: "The request body's encoding is not supported.",
      };
    case "request.aborted":
    case "request.size.invalid":
      return { status: 400, error: "bad_request", message: "The request body was incomplete." };
  }
  if (typeof status === "number" && status >= 400 && status < 500)
    return {
      status,
      error: status === 413 ? "payload_too_large" : "bad_request",
      message: "The request was refused.",
    };
  return null;
}

/** The last middleware: client mistakes get their 4xx, anything else a plain 500 — never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const known = err && typeof err === "object" ? clientError(err as HttpishError) : null;
  if (known) {
    req.log?.warn(
      { status: known.status, reason: (err as HttpishError).type ?? known.error },
      "request refused",
    );
    sendError(req, res, known.status, known.error, known.message);
    return;
  }
  req.log?.error({ err }, "unhandled error in request");
  sendError(req, res, 500, "internal_error", "Something went wrong on our side; it has been logged.");
};
