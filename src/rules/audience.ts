import { AUDIENCE_PAGE_SIZE, type AudiencePage, type AudienceSummary, RECENT_AUDIENCE } from '../model/audience.js';
import { ErrorCode } from '../model/errors.js';
import type { LeaveReason, RoomEvent } from '../model/events.js';
import type { Member, RoomState } from '../model/room.js';
import type { UserInfo } from '../model/user.js';
import { type PersistentMap, mapDelete, mapGet, mapHas, mapSet, mapValues } from './persistent-map.js';
import { entry, hasEntry, withoutEntry } from './records.js';
import { closeRequestsOfLeaver } from './request-queue.js';
import { type RuleResult, fail, ok } from './result.js';
import { releaseSeatOf } from './seats.js';

/** Adds a member (or brings a dropped one back online). Bans, the member cap and ended rooms are checked here. */
export function joinRoom(room: RoomState, user: UserInfo, now: number): RuleResult<RoomState> {
  if (room.status !== 'live') return fail(ErrorCode.ROOM_NOT_FOUND);
  const bannedUntil = entry(room.bans, user.userId);
  if (bannedUntil !== undefined && bannedUntil > now) return fail(ErrorCode.MEMBER_BANNED);
  const existing = mapGet(room.members, user.userId);
  if (existing) {
    if (existing.online && !hasEntry(room.leases, user.userId)) return ok(room);
    const leases = withoutEntry(room.leases, user.userId);
    return ok({ ...room, leases, members: mapSet(room.members, user.userId, { ...existing, online: true }) });
  }
  if (room.memberCount >= room.limits.maxMembers) return fail(ErrorCode.ROOM_FULL);
  const entrySeq = room.entrySeq + 1;
  const member: Member = { user, joinedAt: now, seq: entrySeq, online: true };
  const recent = [user.userId, ...room.recent].slice(0, RECENT_AUDIENCE);
  const memberCount = room.memberCount + 1;
  return ok(
    {
      ...room,
      entrySeq,
      members: mapSet(room.members, user.userId, member),
      memberCount,
      recent,
      viewCount: room.viewCount + 1,
    },
    [{ type: 'member.joined', user, total: memberCount }],
  );
}

/**
 * Removes a member for any reason: their seat is released, their requests end, and the recent-entrants list is
 * refilled with the next-latest entrant so it stays "the latest 100" without anyone re-reading the whole list.
 */
export function removeMember(
  room: RoomState,
  userId: string,
  reason: LeaveReason,
  by: string | null,
): RuleResult<RoomState> {
  if (!mapHas(room.members, userId)) return fail(ErrorCode.NOT_A_MEMBER);
  const seat = releaseSeatOf(room, userId);
  const requests = closeRequestsOfLeaver(seat.state, userId, by);
  let state = requests.state;
  const members = mapDelete(state.members, userId);
  const leases = withoutEntry(state.leases, userId);
  const rates = withoutEntry(state.rates, userId);
  let recent = state.recent;
  let refill: UserInfo | null = null;
  if (recent.includes(userId)) {
    recent = recent.filter((id) => id !== userId);
    const next = nextEntrantBefore(members, recent);
    if (next) {
      recent = [...recent, next.user.userId];
      refill = next.user;
    }
  }
  const memberCount = state.memberCount - 1;
  state = { ...state, members, leases, rates, recent, memberCount };
  const events: RoomEvent[] = [
    ...seat.events,
    ...requests.events,
    { type: 'member.left', userId, reason, by, total: memberCount, refill },
  ];
  return ok(state, events);
}

/** The latest entrant not already listed; O(members), run only when a listed entrant leaves. */
function nextEntrantBefore(members: PersistentMap<Member>, listed: readonly string[]): Member | null {
  const skip = new Set(listed);
  let best: Member | null = null;
  for (const member of mapValues(members)) {
    if (skip.has(member.user.userId)) continue;
    if (!best || member.seq > best.seq) best = member;
  }
  return best;
}

export function audienceSummary(room: RoomState): AudienceSummary {
  const recent = room.recent.map((id) => mapGet(room.members, id)?.user).filter((u): u is UserInfo => !!u);
  return { recent, total: room.memberCount };
}

/**
 * Paged member list, newest entrant first. The cursor is the entry sequence to continue below, so pages stay
 * stable while people come and go. `keyword` matches the user ID exactly or the name case-insensitively.
 */
export function listAudience(
  room: RoomState,
  cursor = '',
  keyword = '',
  count = AUDIENCE_PAGE_SIZE,
): RuleResult<AudiencePage> {
  const below = cursor === '' ? Number.POSITIVE_INFINITY : Number(cursor);
  if (!Number.isFinite(below) && cursor !== '') return fail(ErrorCode.INVALID_PARAMETER, 'bad cursor');
  if (!Number.isInteger(count) || count < 1 || count > 100)
    return fail(ErrorCode.INVALID_PARAMETER, 'count must be 1..100');
  const id = keyword.trim();
  const needle = id.toLowerCase();
  // One walk keeping the newest `count + 1` matches (the one past the page says there is a next page), not a sort of
  // every member: sorting a room of 10,000 took 7 ms a page on the server's one thread, and at the command rate one
  // client paging it kept a third of a core busy. Members come in hash order, so a newer match rarely enters.
  const newest: Member[] = [];
  const seqs: number[] = []; // newest's entry numbers, descending
  for (const m of mapValues(room.members)) {
    const seq = m.seq;
    if (seq >= below || (seqs.length > count && seq <= seqs[count]!)) continue;
    if (needle && m.user.userId !== id && !m.user.userName.toLowerCase().includes(needle)) continue;
    let at = 0;
    for (let hi = seqs.length; at < hi;) {
      const mid = (at + hi) >> 1;
      if (seqs[mid]! > seq) at = mid + 1;
      else hi = mid;
    }
    seqs.splice(at, 0, seq);
    newest.splice(at, 0, m);
    if (seqs.length > count + 1) {
      seqs.pop();
      newest.pop();
    }
  }
  const page = newest.slice(0, count);
  const next = newest.length > count ? String(page[page.length - 1]!.seq) : '';
  return ok({ members: page.map((m) => m.user), next, total: room.memberCount });
}
