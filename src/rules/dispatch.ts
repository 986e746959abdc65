import type { CommandOf, CommandResult, CommandType, RoomCommand } from '../model/commands.js';
import { ErrorCode } from '../model/errors.js';
import type { RoomEvent } from '../model/events.js';
import type { SeatRequest } from '../model/request.js';
import { DEFAULT_REQUEST_TIMEOUT_SEC } from '../model/request.js';
import type { RoomState } from '../model/room.js';
import { sendBarrage } from './barrage.js';
import { sendLikes } from './likes.js';
import { type Actor, actorRole, takeBecomesApplication } from './permissions.js';
import { applyForSeat, cancelRequest, inviteToSeat, respondToAll, respondToRequest } from './requests.js';
import { type RuleResult, fail } from './result.js';
import { banMembers, endRoom, kickMember, leaveRoom, muteMember, setAdmin, unbanMembers, updateInfo } from './room.js';
import { kickFromSeat, leaveSeat, lockSeat, lockSeatAudio, moveSeat, seatOf, setSelfMute, takeSeat } from './seats.js';
import { mapHas } from './persistent-map.js';

/** The commands that act on one room's state alone; the others (start, join, gifts, follows, lists) need more. */
export const ROOM_COMMANDS = [
  'room.leave',
  'room.end',
  'room.update',
  'seat.take',
  'seat.leave',
  'seat.move',
  'seat.kick',
  'seat.lock',
  'seat.lockAudio',
  'seat.selfMute',
  'request.invite',
  'request.respond',
  'request.cancel',
  'request.respondAll',
  'barrage.send',
  'like.send',
  'member.mute',
  'member.kick',
  'member.ban',
  'member.unban',
  'admin.set',
] as const satisfies readonly CommandType[];
export type RoomCommandType = (typeof ROOM_COMMANDS)[number];

export function isRoomCommand(command: RoomCommand): command is CommandOf<RoomCommandType> {
  return (ROOM_COMMANDS as readonly string[]).includes(command.type);
}

export type Applied<T extends CommandType> = RuleResult<RoomState> & { readonly result?: CommandResult<T> };

function withResult<T extends CommandType>(
  r: RuleResult<RoomState>,
  result: (state: RoomState) => CommandResult<T>,
): Applied<T> {
  return r.ok ? { ...r, result: result(r.state) } : r;
}

/**
 * Runs one room command through the shared rules. Both servers (memory and local) call this, so a command means
 * the same thing everywhere. The version is bumped here, once per command that produced events.
 */
export function applyRoomCommand<T extends RoomCommandType>(
  room: RoomState,
  actor: Actor,
  command: CommandOf<T>,
  now: number,
): Applied<T> {
  if (room.status !== 'live') return fail(ErrorCode.ROOM_ENDED);
  const userId = actor.user.userId;
  if (!actor.system && !mapHas(room.members, userId)) return fail(ErrorCode.NOT_IN_ROOM);
  const applied = run(room, actor, command as RoomCommand, now) as Applied<T>;
  if (!applied.ok || applied.events.length === 0) return applied;
  return { ...applied, state: { ...applied.state, version: room.version + 1 } };
}

function run(room: RoomState, actor: Actor, c: RoomCommand, now: number): Applied<CommandType> {
  switch (c.type) {
    case 'room.leave':
      return withResult(leaveRoom(room, actor), () => null);
    case 'room.end':
      return withResult(endRoom(room, actor), () => null);
    case 'room.update':
      return withResult(updateInfo(room, actor, c.patch), () => null);
    case 'seat.take': {
      if (c.index !== null && typeof c.index !== 'number')
        return fail(ErrorCode.INVALID_PARAMETER, 'index must be a number or null');
      if (!takeBecomesApplication(room.info.seatMode, actorRole(room, actor))) {
        return withResult(takeSeat(room, actor, c.index), (s) => ({
          seated: true as const,
          index: seatOf(s, actor.user.userId),
        }));
      }
      const timeout = c.timeoutSec ?? DEFAULT_REQUEST_TIMEOUT_SEC;
      return withResult(applyForSeat(room, actor, c.index, timeout, now), (s) => ({
        seated: false as const,
        request: s.requests[s.requests.length - 1]!,
      }));
    }
    case 'seat.leave':
      return withResult(leaveSeat(room, actor), () => null);
    case 'seat.move':
      return withResult(moveSeat(room, actor, c.index, c.policy ?? 'abort'), () => null);
    case 'seat.kick':
      return withResult(kickFromSeat(room, actor, c.userId), () => null);
    case 'seat.lock':
      return withResult(lockSeat(room, actor, c.index, c.locked), () => null);
    case 'seat.lockAudio':
      return withResult(lockSeatAudio(room, actor, c.index, c.locked), () => null);
    case 'seat.selfMute':
      return withResult(setSelfMute(room, actor, c.muted), () => null);
    case 'request.invite': {
      const timeout = c.timeoutSec ?? DEFAULT_REQUEST_TIMEOUT_SEC;
      return withResult(
        inviteToSeat(room, actor, c.userId, c.index, timeout, now),
        (s) => s.requests[s.requests.length - 1]!,
      );
    }
    case 'request.respond': {
      const r = respondToRequest(room, actor, c.requestId, c.accept);
      return r.ok ? { ...r, result: closedRequest(r.events, c.requestId) } : r;
    }
    case 'request.cancel': {
      const r = cancelRequest(room, actor, c.requestId);
      return r.ok ? { ...r, result: closedRequest(r.events, c.requestId) } : r;
    }
    case 'request.respondAll': {
      const r = respondToAll(room, actor, c.accept);
      return r.ok ? { ...r, result: { handled: r.handled ?? 0 } } : r;
    }
    case 'barrage.send':
      return withResult(sendBarrage(room, actor, c.text, now), () => null);
    case 'like.send':
      return withResult(sendLikes(room, actor, c.count, now), (s) => ({ total: s.likes.total }));
    case 'member.mute':
      return withResult(muteMember(room, actor, c.userId, c.seconds, now), () => null);
    case 'member.kick':
      return withResult(kickMember(room, actor, c.userId), () => null);
    case 'member.ban':
      return withResult(banMembers(room, actor, c.userIds, c.seconds, now), () => null);
    case 'member.unban':
      return withResult(unbanMembers(room, actor, c.userIds), () => null);
    case 'admin.set':
      return withResult(setAdmin(room, actor, c.userId, c.admin), () => null);
    default:
      return fail(ErrorCode.INVALID_PARAMETER, `not a room command: ${(c as { type: string }).type}`);
  }
}

function closedRequest(events: readonly RoomEvent[], requestId: string): SeatRequest {
  for (const e of events) if (e.type === 'request.updated' && e.request.requestId === requestId) return e.request;
  throw new Error(`rule closed no request ${requestId}`);
}
