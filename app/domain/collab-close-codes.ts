/**
 * WebSocket close codes of the collaboration server. y-websocket's provider
 * treats 4400–4499 as final (it stops reconnecting) and every other code as
 * transient, so the choice of range decides what a client does next.
 */
export const CloseCode = {
  /** Final: a frame that is not a valid y-websocket message. */
  malformed: 4400,
  /** Final: the member lost access to the plan (removed, signed out). */
  accessRevoked: 4403,
  /** Final: the document would exceed its size limit. */
  documentTooLarge: 4413,
  /** Final: a presence (awareness) message or state over its size limit. */
  presenceTooLarge: 4431,
  /** Transient: storing an update failed; reconnecting resyncs so nothing is lost. */
  storageFailed: 4500,
  /** Transient: the server dropped the document from memory (an update it could not apply whole); reconnecting resyncs. */
  reload: 4502,
  /** Transient: the member's role changed or the plan was archived or restored; reconnecting authorizes afresh with the new rights. */
  reauthorize: 4501,
  /** Transient: more messages than the rate limit allows; the client backs off and resyncs. */
  rateLimited: 4529,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
