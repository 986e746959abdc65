import type { ErrorCode } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrCommandErrorDetail {
  /** What the element was doing, in its own words (`take`, `respond:<requestId>`, `send`…): the busy key of the command. */
  readonly key: string;
  readonly code: ErrorCode;
  /** The documented message for `code`, in the current locale (what the element shows). */
  readonly message: string;
}

/**
 * `vr-command-error`: A room command an element ran for one of its intents failed. Every element fires it, with the same
 * detail; the element already shows the message, this is for logging or a product's own toast.
 */
export class VrCommandErrorEvent extends VrEvent<VrCommandErrorDetail> {
  static readonly type = 'vr-command-error' as const;
  static readonly cancelable = false;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-command-error': VrCommandErrorEvent;
  }
}
