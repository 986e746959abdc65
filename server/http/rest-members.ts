import {
  MAX_ADMINS,
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
import type { RestBody } from './rest-schema.js';
import { seconds } from './rest-shapes.js';

/** `live_engine_http_srv` member commands (seed L15152-16500, search L17975); rest-schema.ts checks each body. */

/** Members per page of get_member_list / search_room_member (the seed leaves the page size to the server). */
export const MEMBER_PAGE_SIZE = 100;

function page(room: RoomState, next: string, keyword: string) {
  if (next && !/^\d{1,15}$/.test(next))
    throw new RestError(RestCode.INVALID_PARAM, 'Next is not a value this API returned');
  const result = listAudience(room, next, keyword, MEMBER_PAGE_SIZE);
  if (!result.ok) throw restErrorOf(result.error);
  return result.state;
}

export const getMemberList: Handler<RestBody<'live_engine_http_srv', 'get_member_list'>> = (call, body) => {
  const { RoomId: roomId, Next: next } = body;
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

export const searchRoomMember: Handler<RestBody<'live_engine_http_srv', 'search_room_member'>> = (call, body) => {
  const { RoomId: roomId, Keyword: keyword, Next: next } = body;
  const room = liveRoom(call, roomId);
  if (!keyword.trim()) throw call.invalid('Keyword must not be blank');
  const members = page(room, next, keyword);
  return {
    Response: {
      Next: members.next,
      MemberList: members.members.map((u) => ({ Member_Account: u.userId, NickName: u.userName })),
    },
  };
};

export const muteMembers: Handler<RestBody<'live_engine_http_srv', 'mute_member'>> = (call, body) => {
  const { RoomId: roomId, MuteTime: muteTime } = body;
  const users = [...new Set(body.MemberList_Account)];
  liveRoom(call, roomId);
  applyRule(call, roomId, (room, now) =>
    chain(room, ...users.map((id) => (s: RoomState) => muteMember(s, call.ctx.actor, id, muteTime, now))),
  );
};

export const getMutedMemberList: Handler<RestBody<'live_engine_http_srv', 'get_muted_member_list'>> = (call, body) => {
  const room = liveRoom(call, body.RoomId);
  const now = call.ctx.clock.now();
  const list = Object.entries(room.mutes)
    .filter(([, until]) => until > now)
    .map(([id, until]) => ({ Member_Account: id, MutedUntil: seconds(until) }));
  return { Response: { MutedAccountList: list } };
};

export const banMember: Handler<RestBody<'live_engine_http_srv', 'ban_member'>> = (call, body) => {
  const { RoomId: roomId, Duration: duration } = body;
  const users = [...new Set(body.MemberList_Account)];
  liveRoom(call, roomId);
  applyRule(call, roomId, (room, now) => banMembers(room, call.ctx.actor, users, duration, now));
};

export const unbanMember: Handler<RestBody<'live_engine_http_srv', 'unban_member'>> = (call, body) => {
  const roomId = body.RoomId;
  const users = [...new Set(body.MemberList_Account)];
  liveRoom(call, roomId);
  applyRule(call, roomId, (room) => unbanMembers(room, call.ctx.actor, users));
};

export const getBannedMemberList: Handler<RestBody<'live_engine_http_srv', 'get_banned_member_list'>> = (
  call,
  body,
) => {
  const roomId = body.RoomId;
  const offset = body.Offset ?? 0;
  const limit = body.Limit ?? 100;
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

export const modifyAdmin: Handler<RestBody<'live_engine_http_srv', 'modify_admin'>> = (call, body) => {
  const { RoomId: roomId, OpType: op } = body;
  const users = [...new Set(body.Admin_Account)];
  const room = liveRoom(call, roomId);
  if (users.includes(room.info.owner.userId)) throw call.invalid('the owner cannot be an admin');
  if (op === 'add' && new Set([...room.admins, ...users]).size > MAX_ADMINS)
    throw new RestError(RestCode.TOO_MANY_ADMINS, `a room has at most ${MAX_ADMINS} admins`);
  applyRule(call, roomId, (r) =>
    chain(r, ...users.map((id) => (s: RoomState) => setAdmin(s, call.ctx.actor, id, op === 'add'))),
  );
};

export const getAdminList: Handler<RestBody<'live_engine_http_srv', 'get_admin_list'>> = (call, body) => {
  const room = liveRoom(call, body.RoomId);
  return { Response: { Admin_Account: [...room.admins] } };
};
