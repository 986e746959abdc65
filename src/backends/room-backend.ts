import type { Observable } from 'rxjs';
import type { Answer, CommandArgs, CommandType } from '../model/commands.js';
import type { RoomError } from '../model/errors.js';
import type { EventBatch } from '../model/events.js';
import type { UserInfo } from '../model/user.js';

export const ConnectionState = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  /** Lost, trying again; a seated user keeps the seat for the lease meanwhile. */
  reconnecting: 'reconnecting',
  disconnected: 'disconnected',
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** What a backend reports besides answers: room event batches (in version order per room) and connection changes. */
export type BackendEvent =
  | { readonly type: 'batch'; readonly batch: EventBatch }
  | { readonly type: 'connection'; readonly state: ConnectionState; readonly error?: RoomError };

export type { Answer };

/**
 * The port every backend implements (memory, local server, Tencent). Commands return Promises that reject with a
 * RoomError carrying a documented code; state reaches the store only through `events$` and snapshots.
 */
export interface RoomBackend {
  readonly kind: string;
  readonly events$: Observable<BackendEvent>;
  /** Identifies this client to the backend (credentials are the backend's business). Idempotent. */
  connect(user: UserInfo): Promise<void>;
  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>>;
  /** Leaves cleanly where possible and releases every resource. */
  close(): Promise<void>;
}
