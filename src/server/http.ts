import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

export class ListenError extends Error {}

/** Starts the one HTTP server; a taken port or bad host is one clear sentence, not a stack trace. */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  // Longer than the usual load-balancer idle timeout (60 s), so the balancer, not us, closes idle connections.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
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
