import { DEFAULT_BARRAGE_RATE } from '../model/barrage.js';
import { ErrorCode } from '../model/errors.js';
import type { RoomEvent } from '../model/events.js';
import { DEFAULT_GIFT_RATE } from '../model/gift.js';
import { DEFAULT_LIKE_RATE } from '../model/like.js';
import {
  type LiveInfo,
  type LiveInfoPatch,
  MAX_NOTICE_LENGTH,
  MAX_ROOM_ID_BYTES,
  MAX_ROOM_NAME_LENGTH,
  MAX_URL_LENGTH,
  type StartOptions,
} from '../model/live-info.js';
import type { RoomLimits, RoomState } from '../model/room.js';
import { DEFAULT_SEAT_COUNT, SeatMode } from '../model/seat.js';
import { MAX_ADMINS, USER_ID_PATTERN, type UserInfo } from '../model/user.js';
import { joinRoom, removeMember } from './audience.js';
import { emptyRecord, hasEntry, withEntry, withoutEntry } from './records.js';
import { cleanName } from './names.js';
import { type Actor, requireManager, requireOutrank, requireOwner } from './permissions.js';
import { closeAllRequests } from './request-queue.js';
import { expireRequests } from './requests.js';
import { type RuleResult, chain, fail, ok } from './result.js';
import { createSeats, isValidSeatCount, occupySeat, releaseSeatOf, seatOf } from './seats.js';
import { emptyMap, mapGet, mapHas, mapSet } from './persistent-map.js';

export const DEFAULT_LIMITS: RoomLimits = {
  barrageRate: DEFAULT_BARRAGE_RATE,
  likeRate: DEFAULT_LIKE_RATE,
  giftRate: DEFAULT_GIFT_RATE,
  seatLeaseMs: 30_000,
  maxMembers: 100_000,
};

/** Longest mute or ban one call may set: ten years, i.e. "permanent" without Infinity (JSON has none). */
export const MAX_SANCTION_SEC = 10 * 365 * 86_400;
export const MAX_BAN_BATCH = 20;

/** Room IDs are printable ASCII, at most 48 bytes (seed −2105): one byte a character. */
export function isValidRoomId(roomId: unknown): roomId is string {
  return typeof roomId === 'string' && /^[\x21-\x7e]+$/.test(roomId) && roomId.length <= MAX_ROOM_ID_BYTES;
}

function textOk(value: unknown, max: number): value is string {
  return typeof value === 'string' && [...value].length <= max;
}

/** Reads only: a field that is `undefined` is simply not checked (createRoomState passes absent options so). */
function validatePatch(patch: {
  readonly [K in keyof LiveInfoPatch]?: LiveInfoPatch[K] | undefined;
}): RuleResult<null> {
  if (patch === null || typeof patch !== 'object') return fail(ErrorCode.INVALID_PARAMETER, 'patch must be an object');
  const { name, coverUrl, notice, seatMode, isMessageDisabled, isPublicVisible } = patch;
  if (name !== undefined && (!textOk(name, MAX_ROOM_NAME_LENGTH) || !cleanName(name)))
    return fail(ErrorCode.INVALID_ROOM_NAME);
  if (coverUrl !== undefined && !textOk(coverUrl, MAX_URL_LENGTH))
    return fail(ErrorCode.INVALID_PARAMETER, 'coverUrl too long');
  if (notice !== undefined && !textOk(notice, MAX_NOTICE_LENGTH))
    return fail(ErrorCode.INVALID_PARAMETER, 'notice too long');
  if (seatMode !== undefined && seatMode !== SeatMode.free && seatMode !== SeatMode.apply)
    return fail(ErrorCode.INVALID_PARAMETER, 'seatMode must be free or apply');
  if (isMessageDisabled !== undefined && typeof isMessageDisabled !== 'boolean')
    return fail(ErrorCode.INVALID_PARAMETER, 'isMessageDisabled must be boolean');
  if (isPublicVisible !== undefined && typeof isPublicVisible !== 'boolean')
    return fail(ErrorCode.INVALID_PARAMETER, 'isPublicVisible must be boolean');
  return ok(null);
}

/** The owner's edit of a room's name, cover and notice, as typed. */
export interface InfoDraft {
  readonly name: string;
  readonly coverUrl: string;
  readonly notice: string;
}

/** What is wrong with one field of a draft: empty where it is required, too long, or a cover that is no address. */
export type InfoDraftProblem =
  { readonly kind: 'required' } | { readonly kind: 'too-long'; readonly max: number } | { readonly kind: 'cover' };

/**
 * A draft's problems, field by field, checked as `updateInfo` will check the patch (lengths in code points) before
 * anything is sent; a cover must also be a web address or a path on the page's own site.
 */
export function infoDraftProblems({
  name,
  coverUrl,
  notice,
}: InfoDraft): Partial<Record<keyof InfoDraft, InfoDraftProblem>> {
  const problems: Partial<Record<keyof InfoDraft, InfoDraftProblem>> = {};
  if (!name.trim()) problems.name = { kind: 'required' };
  else if (!textOk(name, MAX_ROOM_NAME_LENGTH)) problems.name = { kind: 'too-long', max: MAX_ROOM_NAME_LENGTH };
  if (!textOk(coverUrl, MAX_URL_LENGTH)) problems.coverUrl = { kind: 'too-long', max: MAX_URL_LENGTH };
  else if (coverUrl.trim() && !/^(https?:\/\/|\/)/i.test(coverUrl.trim())) problems.coverUrl = { kind: 'cover' };
  if (!textOk(notice, MAX_NOTICE_LENGTH)) problems.notice = { kind: 'too-long', max: MAX_NOTICE_LENGTH };
  return problems;
}

/** The patch a draft makes to `info`: only the fields that change, name and cover trimmed (the notice as typed). */
export function infoDraftPatch(draft: InfoDraft, info: LiveInfo | null): LiveInfoPatch {
  const patch: { -readonly [K in keyof LiveInfoPatch]: LiveInfoPatch[K] } = {};
  if (draft.name.trim() !== info?.name) patch.name = draft.name.trim();
  if (draft.coverUrl.trim() !== info?.coverUrl) patch.coverUrl = draft.coverUrl.trim();
  if (draft.notice !== info?.notice) patch.notice = draft.notice;
  return patch;
}

/** A new live room with its owner as the first member (on seat 0 unless keepOwnerOnSeat is false). Version 1. */
export function createRoomState(input: {
  roomId: string;
  owner: UserInfo;
  options?: StartOptions | undefined;
  now: number;
  limits?: Partial<RoomLimits> | undefined;
  ownerFans?: number | undefined;
}): RuleResult<RoomState> {
  const { roomId, owner, now } = input;
  const options = input.options ?? {};
  if (!isValidRoomId(roomId)) return fail(ErrorCode.INVALID_ROOM_ID);
  const seatCount = options.seatCount ?? DEFAULT_SEAT_COUNT;
  if (!isValidSeatCount(seatCount)) return fail(ErrorCode.SEAT_COUNT_LIMIT);
  const checked = validatePatch({
    name: options.roomName,
    coverUrl: options.coverUrl,
    notice: options.notice,
    seatMode: options.seatMode,
    isMessageDisabled: options.isMessageDisabled,
    isPublicVisible: options.isPublicVisible,
  });
  if (!checked.ok) return checked;
  if (options.keepOwnerOnSeat !== undefined && typeof options.keepOwnerOnSeat !== 'boolean')
    return fail(ErrorCode.INVALID_PARAMETER, 'keepOwnerOnSeat must be boolean');
  const info: LiveInfo = {
    roomId,
    name: cleanName(options.roomName ?? '') || roomId,
    coverUrl: options.coverUrl ?? '',
    notice: options.notice ?? '',
    owner,
    seatMode: options.seatMode ?? SeatMode.apply,
    seatCount,
    isMessageDisabled: options.isMessageDisabled ?? false,
    isPublicVisible: options.isPublicVisible ?? true,
    createdAt: now,
    ownerFans: input.ownerFans ?? 0,
    keepOwnerOnSeat: options.keepOwnerOnSeat !== false,
  };
  const empty: RoomState = {
    version: 1,
    status: 'live',
    info,
    seats: createSeats(seatCount),
    requests: [],
    admins: [],
    members: emptyMap(),
    memberCount: 0,
    recent: [],
    entrySeq: 0,
    viewCount: 0,
    barrage: [],
    likes: { total: 0 },
    gifts: { amount: 0, count: 0, contributions: emptyRecord() },
    mutes: emptyRecord(),
    bans: emptyRecord(),
    leases: emptyRecord(),
    rates: emptyRecord(),
    requestSeq: 0,
    messageSeq: 0,
    limits: { ...DEFAULT_LIMITS, ...input.limits },
  };
  const joined = joinRoom(empty, owner, now);
  if (!joined.ok) return joined;
  if (options.keepOwnerOnSeat === false) return ok(joined.state);
  const seated = occupySeat(joined.state, owner, 0);
  return seated.ok ? ok(seated.state) : seated;
}

export function updateInfo(room: RoomState, actor: Actor, patch: LiveInfoPatch): RuleResult<RoomState> {
  const denied = requireOwner(room, actor);
  if (denied) return { ok: false, error: denied };
  const checked = validatePatch(patch);
  if (!checked.ok) return checked;
  const allowed: (keyof LiveInfoPatch)[] = [
    'name',
    'coverUrl',
    'notice',
    'seatMode',
    'isMessageDisabled',
    'isPublicVisible',
  ];
  let changed = false;
  let info: LiveInfo = room.info;
  for (const key of allowed) {
    const raw = patch[key];
    // Compare what would be stored (names are cleaned), so resending the current name is a no-op without an event.
    const value = key === 'name' && typeof raw === 'string' ? cleanName(raw) : raw;
    if (value === undefined || info[key] === value) continue;
    info = { ...info, [key]: value };
    changed = true;
  }
  // Switching to free mode admits nobody by itself: pending applications stay until answered or timed out.
  if (!changed) return ok(room);
  return ok({ ...room, info }, [{ type: 'info.updated', info }]);
}

export function endRoom(room: RoomState, actor: Actor): RuleResult<RoomState> {
  const denied = requireOwner(room, actor);
  if (denied) return { ok: false, error: denied };
  const closed = closeAllRequests(room, actor.user.userId);
  return ok({ ...closed.state, status: 'ended' }, [...closed.events, { type: 'room.ended', by: actor.user.userId }]);
}

/** The owner cannot leave, only end the room (seed −2102). */
export function leaveRoom(room: RoomState, actor: Actor): RuleResult<RoomState> {
  if (room.info.owner.userId === actor.user.userId) return fail(ErrorCode.OWNER_CANNOT_LEAVE);
  if (!mapHas(room.members, actor.user.userId)) return fail(ErrorCode.NOT_IN_ROOM);
  return removeMember(room, actor.user.userId, 'left', null);
}

export function kickMember(room: RoomState, actor: Actor, userId: string): RuleResult<RoomState> {
  const denied = requireOutrank(room, actor, userId);
  if (denied) return { ok: false, error: denied };
  if (!mapHas(room.members, userId)) return fail(ErrorCode.NOT_A_MEMBER);
  return removeMember(room, userId, 'kicked', actor.user.userId);
}

/** Moderation may name users who are not present, so their IDs are checked here rather than by membership. */
function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID_PATTERN.test(value);
}

function validSeconds(seconds: unknown): seconds is number {
  return Number.isInteger(seconds) && (seconds as number) >= 0 && (seconds as number) <= MAX_SANCTION_SEC;
}

/** Bans persist, may name users who are not present, and remove those who are. At most 20 users per call. */
export function banMembers(
  room: RoomState,
  actor: Actor,
  userIds: readonly string[],
  seconds: number,
  now: number,
): RuleResult<RoomState> {
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > MAX_BAN_BATCH || !userIds.every(isUserId)) {
    return fail(ErrorCode.INVALID_PARAMETER, `ban 1..${MAX_BAN_BATCH} users per call`);
  }
  if (!validSeconds(seconds) || seconds === 0)
    return fail(ErrorCode.INVALID_PARAMETER, 'seconds must be a positive integer');
  for (const id of userIds) {
    const denied = requireOutrank(room, actor, id);
    if (denied) return { ok: false, error: denied };
  }
  let state: RoomState = room;
  const events: RoomEvent[] = [];
  for (const id of new Set(userIds)) {
    state = { ...state, bans: withEntry(state.bans, id, now + seconds * 1000) };
    if (mapHas(state.members, id)) {
      const removed = removeMember(state, id, 'banned', actor.user.userId);
      if (!removed.ok) return removed;
      state = removed.state;
      events.push(...removed.events);
    }
  }
  return ok(state, events);
}

export function unbanMembers(room: RoomState, actor: Actor, userIds: readonly string[]): RuleResult<RoomState> {
  const denied = requireManager(room, actor);
  if (denied) return { ok: false, error: denied };
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > MAX_BAN_BATCH || !userIds.every(isUserId))
    return fail(ErrorCode.INVALID_PARAMETER, `unban 1..${MAX_BAN_BATCH} users per call`);
  return ok({ ...room, bans: withoutEntry(room.bans, ...userIds) });
}

/** Mutes a member's barrage for `seconds` (0 unmutes). The member need not be present. */
export function muteMember(
  room: RoomState,
  actor: Actor,
  userId: string,
  seconds: number,
  now: number,
): RuleResult<RoomState> {
  if (!isUserId(userId)) return fail(ErrorCode.INVALID_PARAMETER, 'userId must be 1-32 of a-zA-Z0-9_-');
  const denied = requireOutrank(room, actor, userId);
  if (denied) return { ok: false, error: denied };
  if (!validSeconds(seconds)) return fail(ErrorCode.INVALID_PARAMETER, 'seconds must be an integer >= 0');
  // Unmuting someone who has no mute entry changes nothing, so it must not broadcast (and bump the version).
  if (seconds === 0 && !hasEntry(room.mutes, userId)) return ok(room);
  const until = seconds === 0 ? 0 : now + seconds * 1000;
  const mutes = until === 0 ? withoutEntry(room.mutes, userId) : withEntry(room.mutes, userId, until);
  return ok({ ...room, mutes }, [{ type: 'member.muted', userId, until, by: actor.user.userId }]);
}

export function setAdmin(room: RoomState, actor: Actor, userId: string, admin: boolean): RuleResult<RoomState> {
  const denied = requireOwner(room, actor);
  if (denied) return { ok: false, error: denied };
  if (!isUserId(userId)) return fail(ErrorCode.INVALID_PARAMETER, 'userId must be 1-32 of a-zA-Z0-9_-');
  if (userId === room.info.owner.userId) return fail(ErrorCode.CANNOT_TARGET_SELF, 'The owner is not an admin');
  const has = room.admins.includes(userId);
  if (has === admin) return ok(room);
  if (admin && room.admins.length >= MAX_ADMINS) return fail(ErrorCode.TOO_MANY_ADMINS);
  const admins = admin ? [...room.admins, userId] : room.admins.filter((id) => id !== userId);
  return ok({ ...room, admins }, [{ type: 'admins.updated', admins }]);
}

/**
 * A dropped connection: a seated user keeps the seat for the lease; anyone else leaves at once. The room learns
 * nothing until the lease runs out, so a quick reconnect is invisible to everyone else.
 */
export function disconnectMember(room: RoomState, userId: string, now: number): RuleResult<RoomState> {
  const member = mapGet(room.members, userId);
  if (!member) return ok(room);
  if (seatOf(room, userId) >= 0 && room.limits.seatLeaseMs > 0) {
    return ok({
      ...room,
      members: mapSet(room.members, userId, { ...member, online: false }),
      leases: withEntry(room.leases, userId, now + room.limits.seatLeaseMs),
    });
  }
  if (userId === room.info.owner.userId) {
    // The owner stays a member (the room is theirs) but is offline; their return is a plain rejoin. Without a
    // lease (seatLeaseMs 0) their seat is released at once, like everyone else's: no ghost seats, ever.
    const released = releaseSeatOf(room, userId);
    return ok(
      { ...released.state, members: mapSet(room.members, userId, { ...member, online: false }) },
      released.events,
    );
  }
  return removeMember(room, userId, 'disconnected', null);
}

export function expireLeases(room: RoomState, now: number): RuleResult<RoomState> {
  const steps = Object.entries(room.leases)
    .filter(([, until]) => until <= now)
    .map(([userId]) => (state: RoomState) => {
      // The owner keeps membership; only the seat is freed.
      if (userId === state.info.owner.userId) {
        const leases = withoutEntry(state.leases, userId);
        const index = seatOf(state, userId);
        if (index < 0) return ok({ ...state, leases });
        const seat = state.seats[index]!;
        const seats = state.seats.slice();
        seats[index] = { ...seat, user: null, selfMuted: false };
        return ok({ ...state, leases, seats }, [{ type: 'seats.updated', seats: [seats[index]!] }]);
      }
      return removeMember(state, userId, 'disconnected', null);
    });
  return chain(room, ...steps);
}

/** Request timeouts and seat leases: what a server timer calls. */
export function tick(room: RoomState, now: number): RuleResult<RoomState> {
  if (room.status !== 'live') return ok(room);
  return chain(
    room,
    (s) => expireRequests(s, now),
    (s) => expireLeases(s, now),
  );
}

/** When the next timer is due (epoch ms), or null. */
export function nextDeadline(room: RoomState): number | null {
  if (room.status !== 'live') return null;
  let next: number | null = null;
  for (const r of room.requests) if (r.expiresAt !== null && (next === null || r.expiresAt < next)) next = r.expiresAt;
  for (const until of Object.values(room.leases)) if (next === null || until < next) next = until;
  return next;
}

/** Keeps the owner card's fan count current in the room the followed user owns. */
export function updateOwnerFans(room: RoomState, userId: string, fans: number): RuleResult<RoomState> {
  if (room.info.owner.userId !== userId || room.info.ownerFans === fans) return ok(room);
  return ok({ ...room, info: { ...room.info, ownerFans: fans } }, [{ type: 'fans.updated', userId, fans }]);
}
