import type { Logger } from "pino";
import type * as Y from "yjs";
import type { Database } from "../db/client";
import type { RateLimiter } from "./utils/rate-limit.server";

/** Settings the app needs from the server's validated configuration. */
export type AppConfig = {
  isProduction: boolean;
  /** The app's public origin when configured (PUBLIC_URL); otherwise derived per request. */
  publicOrigin: string | null;
  version: string;
};

/** Everything the server creates once and hands to every loader and action. */
export type AppServices = {
  db: Database;
  config: AppConfig;
  logger: Logger;
  loginLimiter: { byEmail: RateLimiter; byAddress: RateLimiter };
  /** Changes to live plan documents, made through the collaboration server so everyone sees them. */
  plans: PlanChanges;
  /** New district data versions as they are imported (by any server process). */
  dataVersions: Pick<DataVersionEvents, "follow">;
};

export type DataVersionListener = {
  onVersion(version: number): void;
  /** The server is shutting down: release the listener's request. */
  onClose(): void;
};

export type DataVersionEvents = {
  /** Calls `onVersion` with each new data version of the district; returns a function that stops. */
  follow(districtId: string, listener: DataVersionListener): () => void;
  close(): Promise<void>;
};

export type PlanChanges = {
  changePlan(planId: string, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /**
   * Someone's rights changed (a plan archived or restored, a member's role changed or
   * removed): re-check this process's open connections now rather than at the next
   * interval. Other processes notice within their interval.
   */
  rightsChanged(): void;
};

/** Per-request values added by the server. */
export type RequestContext = AppServices & {
  cspNonce: string;
  clientAddress: string;
  /** Filled while handling the request: Set-Cookie values entry.server adds to the response. */
  responseCookies: string[];
  /** The request's authentication, resolved at most once. */
  authMemo?: Promise<unknown>;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
