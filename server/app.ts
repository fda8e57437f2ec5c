import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../db/client";
import type { AppConfig, EventBus, PlanChanges, RequestContext } from "../app/load-context";
import { EMAIL_CHANGES_PER_HOUR, VERIFICATION_RESENDS_PER_HOUR } from "../app/domain/email-confirmation";
import { RateLimiter } from "../app/utils/rate-limit.server";
import { StreamSlots } from "../app/utils/stream-slots.server";
import { continueUnlessOversized, queueLargeUploads, refuseOversizedBodies } from "./body-limits";
import { requestLogger } from "./logging";
import { privateByDefault } from "./private-responses";
import { refuseUpgrade } from "./refuse-upgrade";
import {
  answerErrors,
  refuseConnect,
  refuseMalformedUrls,
  refuseMismatchedOrigins,
  refuseUnknownMethods,
} from "./request-shape";
import { requestPath } from "./request-target";
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
  /** Password reset requests allowed per hour, per e-mail address and per client address. */
  resetLimits?: { perEmail: number; perAddress: number };
  /** Wrong poll access codes allowed per address per 15 minutes. */
  wrongCodesPerAddress?: number;
  /** Event streams one user may hold open at once in this process. */
  eventStreamsPerUser?: number;
  /** WebSocket endpoints by path prefix, e.g. "/collab/". Other upgrades get 404. */
  upgrades?: Record<string, UpgradeHandler>;
  /** The collaboration server's way in for changes made by the app (version restores). */
  plans: PlanChanges;
  /** The server's events across processes; closed with the server (it ends open event streams). */
  events: EventBus;
};

export type RunningServer = {
  port: number;
  url: string;
  httpServer: http.Server;
  /** Stops accepting, lets in-flight requests finish (up to a grace period), then resolves. */
  close(): Promise<void>;
};

/** Enough for a person with many tabs open; a script opening streams in a loop stops here. */
export const EVENT_STREAMS_PER_USER = 10;

/** Starts the HTTP server: Remix, static files, health check and WebSocket upgrade routing. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { database, config, logger } = options;
  const services = {
    db: database.db,
    config,
    logger,
    plans: options.plans,
    events: options.events,
    eventStreams: new StreamSlots(options.eventStreamsPerUser ?? EVENT_STREAMS_PER_USER),
    loginLimiter: {
      byEmail: new RateLimiter(options.loginLimits?.perEmail ?? 5, 15 * 60 * 1000),
      byAddress: new RateLimiter(options.loginLimits?.perAddress ?? 30, 15 * 60 * 1000),
    },
    resetLimiter: {
      byEmail: new RateLimiter(options.resetLimits?.perEmail ?? 3, 60 * 60 * 1000),
      byAddress: new RateLimiter(options.resetLimits?.perAddress ?? 20, 60 * 60 * 1000),
    },
    accountMailLimiter: {
      verification: new RateLimiter(VERIFICATION_RESENDS_PER_HOUR, 60 * 60 * 1000),
      change: new RateLimiter(EMAIL_CHANGES_PER_HOUR, 60 * 60 * 1000),
    },
    // Generous for a school's family night behind one address, where codes get mistyped.
    codeLimiter: new RateLimiter(options.wrongCodesPerAddress ?? 30, 15 * 60 * 1000),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestLogger(logger));
  app.use(drainRefusedBodies);
  app.use(securityHeaders({ isProduction: config.isProduction }));
  app.use(refuseUnknownMethods());
  app.use(refuseMalformedUrls());
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
  app.use(refuseMismatchedOrigins());
  app.use(refuseOversizedBodies());
  app.use(queueLargeUploads(2));
  app.use(privateByDefault);

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
    }),
  );
  app.use(answerErrors(logger));

  const httpServer = http.createServer(app);
  httpServer.on("connect", refuseConnect);
  httpServer.on("checkContinue", continueUnlessOversized(httpServer));
  // Slow-loris protection without cutting off long uploads.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 120_000;

  httpServer.on("upgrade", (req, socket: Socket, head) => {
    // Node hands over upgraded sockets without its own error listener: a peer's reset would
    // otherwise be an uncaught "error" event.
    socket.on("error", () => socket.destroy());
    const pathname = requestPath(req.url);
    if (pathname === null) return refuseUpgrade(socket, 400);
    for (const [prefix, handler] of Object.entries(options.upgrades ?? {})) {
      if (pathname.startsWith(prefix)) return handler(req, socket, head);
    }
    refuseUpgrade(socket, 404);
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
        const stopped = options.events.close();
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
/** A connection closing after a refused body is cut when the client sends nothing for this long. */
const DRAIN_IDLE_MS = 10_000;

/**
 * A request refused before its body was read (not signed in, wrong role, too
 * large) still has bytes on the wire. Closing the socket with them unread
 * would reset the connection and the client could lose the answer; reading
 * and discarding them (up to a limit) lets the answer arrive.
 *
 * On a connection that ends with this answer (the client said "Connection:
 * close", or spoke HTTP/1.0, or the server said close), Node destroys the socket
 * as soon as the answer is written (socket.destroySoon), with the upload still
 * arriving: the kernel answers those bytes with a reset, which can reach the
 * client before it has read the answer. Such a connection is closed in stages
 * instead (RFC 9112 §9.6): the write side is already ended, so the client sees the
 * whole answer and then the end of the stream; the rest of the body is read and
 * discarded, and only then is the socket closed.
 */
function drainRefusedBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.on("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    // Runs after Node's own "finish" handler, which has ended the socket and scheduled its destruction.
    const closing = socket.writableEnded && !socket.destroyed;
    if (closing) {
      socket.removeListener("finish", socket.destroy);
      socket.setTimeout(DRAIN_IDLE_MS);
      // The whole body read: nothing is left to reset the connection; close once the answer is flushed.
      req.once("end", () =>
        socket.writableFinished ? socket.destroy() : socket.once("finish", () => socket.destroy()),
      );
    }
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
