import {
  MAX_ADMINS,
  MAX_BAN_BATCH,
  MAX_SANCTION_SEC,
  type RoomState,
  banMembers,
  chain,
  listAudience,
  muteMember,
  setAdmin,
  unbanMembers,
} from '../../src/core.js';
import { type Handler, applyRule, liveRoom } from './rest-context.js';
import { RestCode, RestError, restErrorOf } from './rest-envelope.js';
import { seconds } from './rest-shapes.js';

/** `live_engine_http_srv` member commands (seed L15152-16500, search L17975). */

/** Members per page of get_member_list / search_room_member (the seed leaves the page size to the server). */
export const MEMBER_PAGE_SIZE = 100;
/** The seed documents no cap for mute_member; one call mutes at most this many. */
export const MAX_MUTE_BATCH = 100;

function page(room: RoomState, next: string, keyword: string) {
  if (next && !/^\d{1,15}$/.test(next))
    throw new RestError(RestCode.INVALID_PARAM, 'Next is not a value this API returned');
  const result = listAudience(room, next, keyword, MEMBER_PAGE_SIZE);
  if (!result.ok) throw restErrorOf(result.error);
  return result.state;
}

export const getMemberList: Handler = (call) => {
  const roomId = call.fields.roomId();
  const next = call.fields.string('Next', { maxBytes: 32 });
  const room = liveRoom(call, roomId);
  const members = page(room, next, '');
  return {
    Response: {
      Next: members.next,
      MemberCount: room.memberCount,
      MemberList: members.members.map((u) => ({ Member_Account: u.userId })),
    },
  };
};

export const searchRoomMember: Handler = (call) => {
  const roomId = call.fields.roomId();
  const keyword = call.fields.string('Keyword', { maxBytes: 64, minBytes: 1 });
  const next = call.fields.string('Next', { maxBytes: 32 });
  const room = liveRoom(call, roomId);
  if (!keyword.trim()) throw call.fields.err('Keyword must not be blank');
  const members = page(room, next, keyword);
  return {
    Response: {
      Next: members.next,
      MemberList: members.members.map((u) => ({ Member_Account: u.userId, NickName: u.userName })),
    },
  };
};

export const muteMembers: Handler = (call) => {
  const roomId = call.fields.roomId();
  const users = call.fields.accounts('MemberList_Account', MAX_MUTE_BATCH);
  const muteTime = call.fields.integer('MuteTime', { min: 0, max: MAX_SANCTION_SEC });
  liveRoom(call, roomId);
  applyRule(call, roomId, (room, now) =>
    chain(room, ...users.map((id) => (s: RoomState) => muteMember(s, call.ctx.actor, id, muteTime, now))),
  );
};

export const getMutedMemberList: Handler = (call) => {
  const room = liveRoom(call, call.fields.roomId());
  const now = call.ctx.clock.now();
  const list = Object.entries(room.mutes)
    .filter(([, until]) => until > now)
    .map(([id, until]) => ({ Member_Account: id, MutedUntil: seconds(until) }));
  return { Response: { MutedAccountList: list } };
};

export const banMember: Handler = (call) => {
  const roomId = call.fields.roomId();
  const users = call.fields.accounts('MemberList_Account', MAX_BAN_BATCH);
  call.fields.string('Reason', { maxBytes: 1024, optional: true });
  const duration = call.fields.integer('Duration', { min: 1, max: MAX_SANCTION_SEC });
  liveRoom(call, roomId);
  applyRule(call, roomId, (room, now) => banMembers(room, call.ctx.actor, users, duration, now));
};

export const unbanMember: Handler = (call) => {
  const roomId = call.fields.roomId();
  const users = call.fields.accounts('MemberList_Account', MAX_BAN_BATCH);
  liveRoom(call, roomId);
  applyRule(call, roomId, (room) => unbanMembers(room, call.ctx.actor, users));
};

export const getBannedMemberList: Handler = (call) => {
  const roomId = call.fields.roomId();
  const offset = call.fields.integer('Offset', { min: 0, max: Number.MAX_SAFE_INTEGER, optional: true }) ?? 0;
  const limit = call.fields.integer('Limit', { min: 1, max: 100, optional: true }) ?? 100;
  const room = liveRoom(call, roomId);
  const now = call.ctx.clock.now();
  const bans = Object.entries(room.bans).filter(([, until]) => until > now);
  const slice = bans.slice(offset, offset + limit);
  return {
    Response: {
      BannedAccountList: slice.map(([id, until]) => ({ Member_Account: id, BannedUntil: seconds(until) })),
      // 0 once the list is finished (the seed's example).
      NextOffset: offset + limit < bans.length ? offset + limit : 0,
    },
  };
};

export const modifyAdmin: Handler = (call) => {
  const roomId = call.fields.roomId();
  const users = call.fields.accounts('Admin_Account', MAX_ADMINS);
  const op = call.fields.string('OpType', { maxBytes: 8 });
  if (op !== 'add' && op !== 'delete') throw call.fields.err('OpType must be "add" or "delete"');
  const room = liveRoom(call, roomId);
  if (users.includes(room.info.owner.userId)) throw call.fields.err('the owner cannot be an admin');
  if (op === 'add' && new Set([...room.admins, ...users]).size > MAX_ADMINS)
    throw new RestError(RestCode.TOO_MANY_ADMINS, `a room has at most ${MAX_ADMINS} admins`);
  applyRule(call, roomId, (r) =>
    chain(r, ...users.map((id) => (s: RoomState) => setAdmin(s, call.ctx.actor, id, op === 'add'))),
  );
};

export const getAdminList: Handler = (call) => {
  const room = liveRoom(call, call.fields.roomId());
  return { Response: { Admin_Account: [...room.admins] } };
};
