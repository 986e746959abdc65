// WebSocket close codes the local room server uses (4000–4999 is the application range), one export each:
// protocol.ts re-exports them as the namespace `CloseCode`, so `CloseCode.replaced` reads as before while a bundle
// keeps only the codes its code reads (the browser client: normal, authFailed, replaced), which the members of one
// object literal would not allow.

export const normal = 1000;
export const goingAway = 1001;
/** The server holds as many connections as it may (VR_MAX_CONNECTIONS): try again later (RFC 6455 "Try Again Later"). */
export const serverFull = 1013;
export const authFailed = 4001;
export const replaced = 4002;
export const heartbeatTimeout = 4003;
export const tooManyBadFrames = 4004;
/**
 * The client left more than the server's output buffer cap (VR_OUTPUT_BUFFER_BYTES, default 2 MiB) unread. A peer
 * that reads nothing at all never sees this frame: the server drops the TCP connection a second later (1006).
 */
export const slowConsumer = 4005;
/**
 * The client kept sending more bytes per second than its input budget (VR_INPUT_BUDGET, default 64 KiB/s with a
 * 256 KiB burst): over budget 3 times within 10 s. Over budget once, the server merely stops reading for a while.
 */
export const inputBudget = 4006;
/** The UserSig the connection was opened with has expired: reconnect with a fresh one. */
export const sigExpired = 4010;
