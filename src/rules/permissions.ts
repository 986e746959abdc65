import { ErrorCode, RoomError } from '../model/errors.js';
import type { RoomState } from '../model/room.js';
import { roleOf } from '../model/room.js';
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
  if (rank[mine] <= rank[theirs]) return new RoomError(ErrorCode.OWNER_REQUIRED);
  return null;
}
