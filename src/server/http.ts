import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

export class ListenError extends Error {}

export interface ListenLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_LIMITS: ListenLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 2_048,
};

/** Starts the one HTTP server; a taken port or bad host is one clear sentence, not a stack trace. */
export function listen(
  app: Express,
  port: number,
  host: string,
  limits: ListenLimits = DEFAULT_LIMITS,
): Promise<Server> {
  const server = createServer(
    {
      // A client gets a few seconds to send its headers and its body, not Node's 60 s and 300 s: a slow
      // client (slowloris) would otherwise hold a connection for minutes. Slack and Teams send small bodies
      // at once. Node checks these every connectionsCheckingInterval (30 s by default): 1 s keeps them tight.
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  // Longer than the usual load-balancer idle timeout (60 s), so the balancer, not us, closes idle
  // connections; the connection cap bounds how many idle ones a client can keep.
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Past the cap Node closes new connections as they arrive: memory and file descriptors stay bounded.
  server.maxConnections = limits.maxConnections;
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      const reason =
        err.code === "EADDRINUSE"
          ? `port ${port} is already in use on ${host} (set PORT to another port)`
          : err.code === "EACCES"
            ? `no permission to listen on ${where} (use a port above 1023)`
            : err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND"
              ? `HOST ${host} is not an address of this machine`
              : `cannot listen on ${where}: ${err.message}`;
      reject(new ListenError(reason));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(server);
    });
  });
}

/** The address and port the server actually listens on (PORT=0 picks a free port). */
export function boundAddress(server: Server): AddressInfo {
  return server.address() as AddressInfo;
}
