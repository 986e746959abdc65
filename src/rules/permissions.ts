import { ErrorCode, RoomError } from '../model/errors.js';
import type { RoomState } from '../model/room.js';
import { roleOf } from '../model/room.js';
import type { SeatMode } from '../model/seat.js';
import type { Role, UserInfo } from '../model/user.js';

/** Who performs a command. `system` is the REST App admin: it may do anything an owner may. */
export interface Actor {
  readonly user: UserInfo;
  readonly system?: boolean;
}

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function actorRole(room: RoomState, actor: Actor): Role {
  return actor.system ? 'owner' : roleOf(room, actor.user.userId);
}

export function isManager(room: RoomState, actor: Actor): boolean {
  return actorRole(room, actor) !== 'member';
}

/**
 * Whether a role outranks another: the owner outranks admins and members, an admin outranks members, and nobody
 * outranks the owner or their own rank. Kicks, mutes, bans and seat locks on someone else need this.
 */
export function outranks(actor: Role, target: Role): boolean {
  return rank[actor] > rank[target];
}

/**
 * Whether taking a seat becomes an application: in apply mode a member asks, while the owner and admins (who answer
 * applications) sit down at once. In free mode everyone sits down at once.
 */
export function takeBecomesApplication(seatMode: SeatMode, role: Role): boolean {
  return seatMode === 'apply' && role === 'member';
}

/** null when allowed, else the error to return. */
export function requireOwner(room: RoomState, actor: Actor): RoomError | null {
  return actorRole(room, actor) === 'owner' ? null : new RoomError(ErrorCode.OWNER_REQUIRED);
}

export function requireManager(room: RoomState, actor: Actor): RoomError | null {
  return isManager(room, actor) ? null : new RoomError(ErrorCode.OWNER_OR_ADMIN_REQUIRED);
}

/**
 * Kick, mute and ban need the actor to outrank the target: an admin may act on members, only the owner on admins,
 * and nobody on the owner.
 */
export function requireOutrank(room: RoomState, actor: Actor, targetId: string): RoomError | null {
  if (!actor.system && actor.user.userId === targetId) return new RoomError(ErrorCode.CANNOT_TARGET_SELF);
  const mine = actorRole(room, actor);
  if (mine === 'member') return new RoomError(ErrorCode.OWNER_OR_ADMIN_REQUIRED);
  const theirs = roleOf(room, targetId);
  if (theirs === 'owner') return new RoomError(ErrorCode.PERMISSION_DENIED, 'Nobody can do this to the owner');
  if (!outranks(mine, theirs)) return new RoomError(ErrorCode.OWNER_REQUIRED);
  return null;
}
