import {
  DEFAULT_SEAT_COUNT,
  type LiveInfoPatch,
  type RoomState,
  type UserInfo,
  chain,
  createRoomState,
  endRoom,
  RoomError,
  cleanName,
  emptyMap,
  isValidRoomId,
  ok,
  updateInfo,
} from '../../src/core.js';
import { type MetadataItem, type RoomExtras, defaultExtras } from '../db/rest-repository.js';
import { type Handler, type RestCall, adminUser, applyRule, liveRoom } from './rest-context.js';
import { RestCode, RestError, byteLength, restErrorOf } from './rest-envelope.js';
import type { RestBody } from './rest-schema.js';
import { restRoomInfo, seconds } from './rest-shapes.js';

/** `live_engine_http_srv` room commands (seed L13439-15150); rest-schema.ts checks each body first. */

/** What the schema cannot say: a blank name, and the member cap, which is the server's configuration. */
function checkRoomInfo(call: RestCall, info: { RoomName?: string; MaxMemberCount?: number }): void {
  if (info.RoomName !== undefined && !cleanName(info.RoomName))
    throw call.invalid('RoomInfo.RoomName must not be blank');
  // VR_MAX_MEMBERS bounds MaxMemberCount, so its range is checked here, not in the (static) schema.
  const max = info.MaxMemberCount;
  if (max !== undefined && (max < 1 || max > call.ctx.config.maxMembers))
    throw call.invalid(`RoomInfo.MaxMemberCount must be from 1 to ${call.ctx.config.maxMembers}`);
}

const seatModeOf = (mode: 'FreeToTake' | 'ApplyToTake' | undefined) =>
  mode === undefined ? undefined : mode === 'FreeToTake' ? 'free' : 'apply';

export const createRoom: Handler<RestBody<'live_engine_http_srv', 'create_room'>> = (call, body) => {
  const { ctx } = call;
  const info = body.RoomInfo;
  const roomId = info.RoomId;
  if (!isValidRoomId(roomId))
    throw call.invalid('RoomInfo.RoomId must be printable ASCII without spaces, at most 48 bytes');
  checkRoomInfo(call, info);
  const name = info.RoomName;
  const ownerId = info.Owner_Account ?? ctx.config.admin;
  const maxMembers = info.MaxMemberCount;
  const coverUrl = info.CoverURL;
  const isMessageDisabled = info.IsMessageDisabled;
  const categories = info.Category ?? undefined;
  const isPublicVisible = info.IsPublicVisible;
  const seatsOn = info.IsSeatEnabled ?? false;
  const seatMode = seatModeOf(info.TakeSeatMode);
  const maxSeats = info.MaxSeatCount;
  const activityStatus = info.ActivityStatus;
  const unlimited = info.IsUnlimitedRoomEnabled;
  const customInfo = info.CustomInfo;

  const existing = ctx.engine.room(roomId);
  if (existing?.status === 'live') {
    if (existing.info.owner.userId === ownerId)
      throw new RestError(
        RestCode.ROOM_ID_OWNED_BY_CALLER,
        `room ${roomId} already exists and ${ownerId} owns it: use it as it is`,
      );
    throw new RestError(RestCode.ROOM_EXISTS, `room ID ${roomId} is already used`);
  }
  const now = ctx.clock.now();
  const lastCreate = ctx.recentCreates;
  const last = lastCreate.get(roomId);
  if (last !== undefined && now - last < 1_000 && now >= last)
    throw new RestError(RestCode.CREATE_TOO_OFTEN, 'the same room ID can be created once per second');

  let owner: UserInfo;
  if (ownerId === ctx.config.admin) owner = ctx.engine.profile(ownerId) ?? adminUser(ctx.config);
  else {
    const profile = ctx.engine.profile(ownerId);
    if (!profile)
      throw new RestError(
        RestCode.INVALID_PARAM,
        `Owner_Account ${ownerId} is not an imported account (im_open_login_svc/account_import)`,
      );
    owner = { userId: profile.userId, userName: profile.userName, avatarUrl: profile.avatarUrl };
  }

  const created = createRoomState({
    roomId,
    owner,
    now,
    options: {
      ...(name !== undefined ? { roomName: name } : {}),
      ...(coverUrl !== undefined ? { coverUrl } : {}),
      ...(isMessageDisabled !== undefined ? { isMessageDisabled } : {}),
      ...(isPublicVisible !== undefined ? { isPublicVisible } : {}),
      ...(seatMode !== undefined ? { seatMode } : {}),
      seatCount: seatsOn ? (maxSeats ?? DEFAULT_SEAT_COUNT) : 1,
      keepOwnerOnSeat: false,
    },
    limits: { ...ctx.engine.limits, ...(maxMembers !== undefined ? { maxMembers } : {}) },
  });
  if (!created.ok) throw restErrorOf(created.error);
  // A REST room starts empty: the owner is not in it until they enter (createRoomState makes the owner the first
  // member, as a client's room.start does). Without IsSeatEnabled the room has no seats at all (see rest-shapes.ts).
  let state: RoomState = {
    ...created.state,
    members: emptyMap(),
    memberCount: 0,
    recent: [],
    entrySeq: 0,
    viewCount: 0,
  };
  if (!seatsOn) state = { ...state, seats: [], info: { ...state.info, seatCount: 0 } };
  // A reused room ID continues the old room's counters: engine.createRoom does that, as for room.start.

  const extras: RoomExtras = {
    ...defaultExtras(state.info.createdAt),
    ...(maxMembers !== undefined ? { maxMemberCount: maxMembers } : {}),
    ...(!seatsOn && maxSeats !== undefined ? { maxSeatCount: maxSeats } : {}),
    category: categories ?? [],
    activityStatus: activityStatus ?? 0,
    customInfo: customInfo ?? '',
    isUnlimitedRoomEnabled: unlimited ?? false,
  };
  ctx.repo.saveExtras(roomId, extras);
  ctx.repo.clearMetadata(roomId);
  try {
    ctx.callbacks.as(call.origin, () => ctx.engine.createRoom(state));
  } catch (error) {
    throw error instanceof RoomError ? restErrorOf(error) : error;
  }
  lastCreate.set(roomId, now);
  // Only the last second matters (100012), so older entries go: the map must not grow with every room ever created.
  if (lastCreate.size > 256)
    for (const [id, at] of lastCreate) if (now - at >= 1_000 || at > now) lastCreate.delete(id);
  if (lastCreate.size > 10_000) for (const [id, at] of lastCreate) if (now - at >= 1_000) lastCreate.delete(id);
  return { RoomId: roomId };
};

export const destroyRoom: Handler<RestBody<'live_engine_http_srv', 'destroy_room'>> = (call, body) => {
  const roomId = body.RoomId;
  liveRoom(call, roomId);
  applyRule(call, roomId, (room) => endRoom(room, call.ctx.actor));
  call.ctx.repo.clearMetadata(roomId);
};

export const updateRoomInfo: Handler<RestBody<'live_engine_http_srv', 'update_room_info'>> = (call, body) => {
  const { ctx } = call;
  const info = body.RoomInfo;
  const roomId = info.RoomId;
  checkRoomInfo(call, info);
  const name = info.RoomName;
  const maxMembers = info.MaxMemberCount;
  const isMessageDisabled = info.IsMessageDisabled;
  const coverUrl = info.CoverURL;
  const categories = info.Category ?? undefined;
  const activityStatus = info.ActivityStatus;
  const isPublicVisible = info.IsPublicVisible;
  const seatMode = seatModeOf(info.TakeSeatMode);
  const customInfo = info.CustomInfo;
  const room = liveRoom(call, roomId);

  const patch: LiveInfoPatch = {
    ...(name !== undefined ? { name } : {}),
    ...(coverUrl !== undefined ? { coverUrl } : {}),
    ...(isMessageDisabled !== undefined ? { isMessageDisabled } : {}),
    ...(isPublicVisible !== undefined ? { isPublicVisible } : {}),
    ...(seatMode !== undefined ? { seatMode } : {}),
  };
  const next = applyRule(
    call,
    roomId,
    (r) =>
      chain(
        r,
        (s) => updateInfo(s, ctx.actor, patch),
        // MaxMemberCount is the room's member cap (checked on entry by the shared rules).
        (s) =>
          maxMembers === undefined || s.limits.maxMembers === maxMembers
            ? ok(s)
            : ok({ ...s, limits: { ...s.limits, maxMembers } }),
      ),
    true,
  );
  const extras = ctx.repo.extrasOf(roomId, room.info.createdAt);
  ctx.repo.saveExtras(roomId, {
    ...extras,
    ...(maxMembers !== undefined ? { maxMemberCount: maxMembers } : {}),
    ...(categories !== undefined ? { category: categories } : {}),
    ...(activityStatus !== undefined ? { activityStatus } : {}),
    ...(customInfo !== undefined ? { customInfo } : {}),
  });
  ctx.webhooks.emit(
    'Live.CallbackAfterUpdateRoomInfo',
    { Operator_Account: call.origin.operator, RoomInfo: ctx.callbacks.updatedInfo(next), EventTime: ctx.clock.now() },
    call.origin,
  );
};

export const getRoomInfo: Handler<RestBody<'live_engine_http_srv', 'get_room_info'>> = (call, body) => {
  const room = liveRoom(call, body.RoomId);
  return { Response: { RoomInfo: restRoomInfo(room, call.ctx.repo.extrasOf(room.info.roomId, room.info.createdAt)) } };
};

function encodeNext(room: RoomState): string {
  return `${room.viewCount}:${encodeURIComponent(room.info.roomId)}`;
}

/** Live public rooms, most entries (ViewCount) first, room ID breaking ties; `Next` continues after the last one. */
export const getRoomList: Handler<RestBody<'live_engine_http_srv', 'get_room_list'>> = (call, body) => {
  const next = body.Next;
  const count = body.Count ?? 20;
  let after: { views: number; roomId: string } | null = null;
  if (next) {
    const match = /^(\d+):(.+)$/.exec(next);
    try {
      if (match) after = { views: Number(match[1]), roomId: decodeURIComponent(match[2]!) };
    } catch {
      after = null;
    }
    if (!after) throw new RestError(RestCode.INVALID_PARAM, 'Next is not a value this API returned');
  }
  const order = (a: { views: number; roomId: string }, b: { views: number; roomId: string }) =>
    b.views - a.views || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0);
  const rooms = [...call.ctx.engine.allRooms()]
    .filter((r) => r.status === 'live' && r.info.isPublicVisible)
    .map((r) => ({ views: r.viewCount, roomId: r.info.roomId, room: r }))
    .sort(order)
    .filter((r) => !after || order(r, after) > 0);
  const page = rooms.slice(0, count);
  return {
    Response: {
      Next: rooms.length > count ? encodeNext(page[page.length - 1]!.room) : '',
      RoomList: page.map(({ room }) => {
        const extras = call.ctx.repo.extrasOf(room.info.roomId, room.info.createdAt);
        return {
          RoomName: room.info.name,
          RoomId: room.info.roomId,
          Owner_Account: room.info.owner.userId,
          CoverURL: room.info.coverUrl,
          Category: [...extras.category],
          CreateTime: seconds(room.info.createdAt),
          ActivityStatus: extras.activityStatus,
          ViewCount: room.viewCount,
        };
      }),
    },
  };
};

// ---- room metadata (seed L14604-15150) ----

export const METADATA_MAX_KEYS = 10;
export const METADATA_MAX_TOTAL_BYTES = 16 * 1024;

export const getRoomMetadata: Handler<RestBody<'live_engine_http_srv', 'get_room_metadata'>> = (call, body) => {
  const roomId = body.RoomId;
  const keys = [...new Set(body.Keys)];
  liveRoom(call, roomId);
  const all = call.ctx.repo.metadata(roomId);
  return { Response: { Metadata: keys.length ? all.filter((m) => keys.includes(m.Key)) : all } };
};

export const setRoomMetadata: Handler<RestBody<'live_engine_http_srv', 'set_room_metadata'>> = (call, body) => {
  const { ctx } = call;
  const roomId = body.RoomId;
  const items: MetadataItem[] = body.Metadata.map(({ Key, Value }) => ({ Key, Value }));
  liveRoom(call, roomId);
  const merged = new Map(ctx.repo.metadata(roomId).map((m) => [m.Key, m.Value]));
  for (const item of items) merged.set(item.Key, item.Value);
  if (merged.size > METADATA_MAX_KEYS)
    throw new RestError(RestCode.METADATA_TOO_MANY_KEYS, `a room has at most ${METADATA_MAX_KEYS} metadata keys`);
  let total = 0;
  for (const value of merged.values()) total += byteLength(value);
  if (total > METADATA_MAX_TOTAL_BYTES)
    throw new RestError(RestCode.METADATA_TOTAL_TOO_LARGE, "the values of a room's metadata total at most 16 KB");
  ctx.repo.setMetadata(roomId, items);
  ctx.webhooks.emit(
    'Live.CallbackAfterSetMetadata',
    { Operator_Account: call.origin.operator, RoomId: roomId, Metadata: items, EventTime: ctx.clock.now() },
    call.origin,
  );
};

export const delRoomMetadata: Handler<RestBody<'live_engine_http_srv', 'del_room_metadata'>> = (call, body) => {
  const { ctx } = call;
  const roomId = body.RoomId;
  const keys = [...new Set(body.Keys)];
  liveRoom(call, roomId);
  const existing = new Set(ctx.repo.metadata(roomId).map((m) => m.Key));
  const present = keys.filter((k) => existing.has(k));
  if (present.length === 0) throw new RestError(RestCode.METADATA_NO_SUCH_KEYS, 'none of the keys exist');
  ctx.repo.deleteMetadata(roomId, present);
  ctx.webhooks.emit(
    'Live.CallbackAfterDelMetadata',
    { Operator_Account: call.origin.operator, RoomId: roomId, Keys: present, EventTime: ctx.clock.now() },
    call.origin,
  );
};
