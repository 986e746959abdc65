/**
 * The local room server's wire protocol, shared by the server (server/ws) and the client adapter. JSON text
 * frames over one WebSocket per client. Everything that arrives at the server is validated before anything acts on
 * it (protocol-check.ts, against the one definition of each frame in protocol-schema.ts, published as JSON Schema
 * in docs/schema/protocol.json): a bad frame is answered with an error and changes nothing.
 *
 * This module is what the browser loads: it takes the client frames' types from the schemas with `import type`
 * only, so no schema library reaches the kit's bundle.
 */
import type { CommandType } from '../../model/commands.js';
import type { RoomError } from '../../model/errors.js';
import type { EventBatch } from '../../model/events.js';
import type { HelloFrame, RtcRequest } from './protocol-schema.js';

export type { HelloFrame, RtcCandidate, RtcRequest } from './protocol-schema.js';

export const PROTOCOL_VERSION = 1;
/** Larger frames are refused before parsing (the WebSocket server also caps its payload at this). */
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_REQUEST_ID_LENGTH = 64;
/** SDP is larger than a command; answers from browsers are a few KB, this leaves room for many candidates. */
export const MAX_RTC_FRAME_BYTES = 64 * 1024;
/** The server pings (WebSocket ping frames) this often; a client that misses a pong is considered gone. */
export const HEARTBEAT_MS = 10_000;

/** Client → server, as the server's check returns it (a command's `args` is `{}` when the frame had none). */
export type ClientFrame =
  /** Sent once after connecting: the display identity (the user ID itself comes from the verified UserSig). */
  | HelloFrame
  | { readonly t: 'cmd'; readonly id: string; readonly type: CommandType; readonly args: Record<string, unknown> }
  /** WebRTC signalling with the server's audio SFU (see RtcRequest). Answered like commands, never versioned. */
  | ({ readonly t: 'rtc'; readonly id: string } & RtcRequest);

/** The server's offer: which m-line (by mid) carries the microphone, and which one each seat (by index). */
export interface RtcOffer {
  readonly sdp: string;
  readonly publishMid: string;
  readonly seatMids: readonly string[];
}

/** Server → client. */
export type ServerFrame =
  | { readonly t: 'welcome'; readonly protocol: number; readonly userId: string; readonly heartbeatMs: number }
  | {
      readonly t: 'answer';
      readonly id: string;
      readonly ok: true;
      readonly result: unknown;
      readonly version?: number;
    }
  | {
      readonly t: 'answer';
      readonly id: string | null;
      readonly ok: false;
      readonly error: { readonly code: number; readonly message: string };
    }
  | { readonly t: 'batch'; readonly batch: EventBatch }
  /**
   * Several batches in one frame, in order: the server coalesces a busy room's events per connection and tick
   * (`fanoutTickMs`, 50 ms by default) so a frame carries everything since the connection's previous one. Seat,
   * request and room changes are not held back. Versions stay consecutive per room; a client applies the frame's
   * batches as one update.
   */
  | { readonly t: 'batches'; readonly batches: readonly EventBatch[] }
  /**
   * Speaking levels per seat (0–100) a few times a second while audio flows; `active` lists the seats whose
   * audio currently reaches listeners. Lightweight and lossy on purpose: not a room event, not versioned.
   */
  | {
      readonly t: 'levels';
      readonly roomId: string;
      readonly levels: Readonly<Record<number, number>>;
      readonly active: readonly number[];
    };

/** WebSocket close codes the server uses (4000–4999 is the application range): close-codes.ts. */
export * as CloseCode from './close-codes.js';

/** A frame that could not be accepted, with the request ID to answer when one was readable. */
export class FrameError extends Error {
  constructor(
    readonly requestId: string | null,
    readonly error: RoomError,
  ) {
    super(error.message);
    this.name = 'FrameError';
  }
}

/** Parses a server frame on the client; the server is trusted but a broken frame must not crash the page. */
export function parseServerFrame(raw: string): ServerFrame | null {
  try {
    const frame = JSON.parse(raw) as ServerFrame;
    return frame && typeof frame === 'object' && typeof frame.t === 'string' ? frame : null;
  } catch {
    return null;
  }
}
