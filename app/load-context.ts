import type { Logger } from "pino";
import type * as Y from "yjs";
import type { AppEvent, AppEventType, WorkspaceEvent } from "./domain/app-events";
import type { Database } from "../db/client";
import type { DistrictCreation } from "./domain/permissions";
import type { RateLimiter } from "./utils/rate-limit.server";
import type { StreamSlots } from "./utils/stream-slots.server";

/** Settings the app needs from the server's validated configuration. */
export type AppConfig = {
  isProduction: boolean;
  /** The app's public origin when configured (PUBLIC_URL); otherwise derived per request. */
  publicOrigin: string | null;
  version: string;
  /** Who may create districts (DISTRICT_CREATION): instance administrators only, or any account. */
  districtCreation: DistrictCreation;
  /** Whether SMTP_URL is set: without it, mail waits in the outbox (shown at /dev/mail outside production). */
  mailConfigured: boolean;
};

/** Everything the server creates once and hands to every loader and action. */
export type AppServices = {
  db: Database;
  config: AppConfig;
  logger: Logger;
  loginLimiter: { byEmail: RateLimiter; byAddress: RateLimiter };
  /** Password reset requests: few per address (each sends a mail to someone), more per client address. */
  resetLimiter: { byEmail: RateLimiter; byAddress: RateLimiter };
  /** Mail an account asks for about its own address, per account: verification re-sends and address changes. */
  accountMailLimiter: { verification: RateLimiter; change: RateLimiter };
  /** Wrong poll access codes per client address: guessing codes stays slow (issue 13). */
  codeLimiter: RateLimiter;
  /** Changes to live plan documents, made through the collaboration server so everyone sees them. */
  plans: PlanChanges;
  /** The server's events, across processes (server/event-bus.ts). */
  events: Pick<EventBus, "publish" | "follow">;
  /** Open event streams per user in this process, capped. */
  eventStreams: StreamSlots;
};

export type WorkspaceEventListener = {
  onEvent(event: WorkspaceEvent): void;
  /** Notifications were lost for a while (a reconnect): re-read and re-send what the reader shows. */
  onResync(): void;
  /** The server is shutting down: release the listener's request. */
  onClose(): void;
};

export type EventBus = {
  /** Handles the event in this process at once and delivers it to every other one. */
  publish(event: AppEvent): Promise<void>;
  /** Calls `handler` with each event of a type, from any process; returns a function that stops. */
  subscribe<T extends AppEventType>(type: T, handler: (event: Extract<AppEvent, { type: T }>) => void): () => void;
  /** Follows the events a workspace's readers receive; returns a function that stops. */
  follow(scope: { districtId: string; workspaceId: string }, listener: WorkspaceEventListener): () => void;
  close(): Promise<void>;
};

export type PlanChanges = {
  changePlan(planId: string, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** The plan's document as people see it now: the live one when it is open, else the stored one. */
  planState(planId: string): Promise<Uint8Array>;
  /**
   * Someone's rights changed (a plan archived or restored, a member's role changed or
   * removed): every process re-checks its open connections now (through the event bus)
   * rather than at its next interval.
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
