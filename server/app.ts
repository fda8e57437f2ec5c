import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../db/client";
import type { AppConfig, PlanChanges, RequestContext } from "../app/load-context";
import { RateLimiter } from "../app/utils/rate-limit.server";
import { createDataVersionEvents } from "./data-version-events";
import { requestLogger } from "./logging";
import { originCheck, securityHeaders } from "./security";

export type UpgradeHandler = (req: http.IncomingMessage, socket: Socket, head: Buffer) => void;

export type StartOptions = {
  port: number;
  host?: string;
  database: DatabaseHandle;
  config: AppConfig;
  logger: Logger;
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Folder holding public/ (static files and the browser build). */
  publicDir: string;
  /** Sign-in attempts allowed per 15 minutes; tests raise the per-address one since all their traffic is local. */
  loginLimits?: { perEmail: number; perAddress: number };
  /** WebSocket endpoints by path prefix, e.g. "/collab/". Other upgrades get 404. */
  upgrades?: Record<string, UpgradeHandler>;
  /** The collaboration server's way in for changes made by the app (version restores). */
  plans: PlanChanges;
};

export type RunningServer = {
  port: number;
  url: string;
  httpServer: http.Server;
  /** Stops accepting, lets in-flight requests finish (up to a grace period), then resolves. */
  close(): Promise<void>;
};

/** Starts the HTTP server: Remix, static files, health check and WebSocket upgrade routing. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { database, config, logger } = options;
  const dataVersions = await createDataVersionEvents(database, logger);
  const services = {
    db: database.db,
    config,
    logger,
    plans: options.plans,
    dataVersions,
    loginLimiter: {
      byEmail: new RateLimiter(options.loginLimits?.perEmail ?? 5, 15 * 60 * 1000),
      byAddress: new RateLimiter(options.loginLimits?.perAddress ?? 30, 15 * 60 * 1000),
    },
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestLogger(logger));
  app.use(securityHeaders({ isProduction: config.isProduction }));
  app.use(compression());

  app.get("/healthz", async (_req, res) => {
    const databaseOk = await database.ping();
    res.status(databaseOk ? 200 : 503).json({
      status: databaseOk ? "ok" : "degraded",
      database: databaseOk ? "ok" : "unreachable",
      version: config.version,
    });
  });

  // Fingerprinted browser assets never change under the same name.
  app.use("/build", express.static(path.join(options.publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.publicDir, { maxAge: "1h" }));

  app.use(originCheck(config.publicOrigin));
  app.use(drainRefusedBodies);

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: config.isProduction ? "production" : "development",
      getLoadContext: (req, res): RequestContext => ({
        ...services,
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? "unknown",
        responseCookies: [],
      }),
    })
  );

  const httpServer = http.createServer(app);
  // Slow-loris protection without cutting off long uploads.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 120_000;

  httpServer.on("upgrade", (req, socket: Socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    for (const [prefix, handler] of Object.entries(options.upgrades ?? {})) {
      if (pathname.startsWith(prefix)) return handler(req, socket, head);
    }
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `http://localhost:${port}`,
    httpServer,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Event streams end first, or they would hold the server open for the grace period.
        const stopped = dataVersions.close();
        httpServer.close(() => void stopped.then(() => resolve()));
        httpServer.closeIdleConnections();
        // In-flight requests get a grace period; then remaining sockets are cut.
        const timer = setTimeout(() => httpServer.closeAllConnections(), 10_000);
        timer.unref();
      });
      return closing;
    },
  };
}

/** At most this much of a refused body is read and thrown away before the connection is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * A request refused before its body was read (not signed in, wrong role, too
 * large) still has bytes on the wire. Closing the socket with them unread
 * would reset the connection and the client could lose the answer; reading
 * and discarding them (up to a limit) lets the answer arrive.
 */
function drainRefusedBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.on("finish", () => {
    if (req.complete) return;
    let discarded = 0;
    // Detach the unread stream's consumers so discarded bytes are not buffered anywhere.
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.resume();
  });
  next();
}
