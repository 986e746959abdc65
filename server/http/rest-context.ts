import type { RoomEngine } from '../../src/engine/room-engine.js';
import {
  type Actor,
  type Clock,
  ErrorCode,
  type RoomState,
  type RuleResult,
  type UserInfo,
  fail,
} from '../../src/core.js';
import type { CallbackOrigin, RoomCallbacks, Webhooks } from '../callbacks/webhooks.js';
import type { ServerConfig } from '../config.js';
import type { RestRepository } from '../db/rest-repository.js';
import type { SqlitePersistence } from '../db/repositories.js';
import type { Logger } from '../logger.js';
import { RestCode, RestError, restErrorOf } from './rest-envelope.js';

/** Everything a REST command handler may use. */
export interface RestContext {
  readonly engine: RoomEngine;
  readonly persistence: SqlitePersistence;
  readonly config: ServerConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly repo: RestRepository;
  readonly webhooks: Webhooks;
  readonly callbacks: RoomCallbacks;
  /** The App admin as a room actor: `system` lets it do whatever an owner may (src/rules/permissions.ts). */
  readonly actor: Actor;
  /** Room ID → when REST last created it (seed 100012: the same ID once per second). */
  readonly recentCreates: Map<string, number>;
}

/** One REST call: the caller as callbacks report it, the server context, and its service's bad-field code. */
export interface RestCall {
  readonly ctx: RestContext;
  readonly origin: CallbackOrigin;
  /** The error for a bad field the schema cannot judge (a blank name, a seat the room lacks), with the code of
   * the call's service (100002, 70402 or 40001), to throw: `throw call.invalid('…')`. */
  readonly invalid: (message: string) => RestError;
}

/**
 * A handler gets its body already checked against its schema (rest-schema.ts), typed by it, and answers with the
 * fields that follow RequestId (e.g. `{Response: …}`), or nothing.
 */
export type Handler<Body> = (call: RestCall, body: Body) => Record<string, unknown> | void;

export function adminUser(config: ServerConfig): UserInfo {
  return { userId: config.admin, userName: config.admin, avatarUrl: '' };
}

/** The live room named RoomId, or 100004 (never created, or already destroyed). */
export function liveRoom(call: RestCall, roomId: string): RoomState {
  const room = call.ctx.engine.room(roomId);
  if (!room || room.status !== 'live')
    throw new RestError(RestCode.ROOM_NOT_FOUND, `room ${roomId} does not exist or was destroyed`);
  return room;
}

/**
 * Applies a rule to a live room as the App admin and broadcasts the result to every connected client at once
 * (engine.mutate). Callbacks caused by it name the admin and RESTAPI. A refused rule becomes its REST code.
 */
export function applyRule(
  call: RestCall,
  roomId: string,
  rule: (room: RoomState, now: number) => RuleResult<RoomState>,
  quietInfo = false,
): RoomState {
  const result = call.ctx.callbacks.as({ ...call.origin, quietInfo }, () =>
    call.ctx.engine.mutate(roomId, (room, now) =>
      room.status === 'live' ? rule(room, now) : fail(ErrorCode.ROOM_NOT_FOUND),
    ),
  );
  if (!result.ok) throw restErrorOf(result.error);
  return result.state;
}
