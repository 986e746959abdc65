import {
  DEFAULT_SEAT_COUNT,
  type LiveInfoPatch,
  MAX_SEAT_COUNT,
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
import { type Handler, adminUser, applyRule, liveRoom } from './rest-context.js';
import { type Fields, RestCode, RestError, byteLength, restErrorOf } from './rest-envelope.js';
import { restRoomInfo, seconds } from './rest-shapes.js';

/** `live_engine_http_srv` room commands (seed L13439-15150). */

const INT32_MAX = 2_147_483_647;
/** Not documented by the seed; bounded so one room cannot carry an unbounded string. */
export const MAX_CUSTOM_INFO_BYTES = 2_048;
const MAX_COVER_URL_BYTES = 200;
const MAX_ROOM_NAME_BYTES = 100;

function category(fields: Fields): number[] | undefined {
  if (!fields.has('Category')) return undefined;
  return fields.array('Category', { max: 3, allowEmpty: true }, (v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > INT32_MAX)
      throw fields.err(`Category[${i}] must be a non-negative integer`);
    return v;
  });
}

function takeSeatModeField(fields: Fields): 'free' | 'apply' | undefined {
  const mode = fields.string('TakeSeatMode', { maxBytes: 16, optional: true });
  if (mode === undefined) return undefined;
  if (mode !== 'FreeToTake' && mode !== 'ApplyToTake')
    throw fields.err('TakeSeatMode must be FreeToTake or ApplyToTake');
  return mode === 'FreeToTake' ? 'free' : 'apply';
}

function roomName(fields: Fields): string | undefined {
  const name = fields.string('RoomName', { maxBytes: MAX_ROOM_NAME_BYTES, optional: true });
  if (name !== undefined && !cleanName(name)) throw fields.err('RoomName must not be blank');
  return name;
}

export const createRoom: Handler = (call) => {
  const { ctx } = call;
  const info = call.fields.object('RoomInfo');
  const roomId = info.roomId();
  if (!isValidRoomId(roomId)) throw info.err('RoomId must be printable ASCII without spaces, at most 48 bytes');
  const roomType = info.string('RoomType', { maxBytes: 16, minBytes: 1 });
  if (roomType !== 'Live') throw info.err('RoomType must be "Live"');
  const name = roomName(info);
  const ownerId = info.string('Owner_Account', { maxBytes: 32, minBytes: 1, optional: true }) ?? ctx.config.admin;
  const maxMembers = info.integer('MaxMemberCount', { min: 1, max: ctx.config.maxMembers, optional: true });
  const coverUrl = info.string('CoverURL', { maxBytes: MAX_COVER_URL_BYTES, optional: true });
  const isMessageDisabled = info.boolean('IsMessageDisabled');
  const categories = category(info);
  const isPublicVisible = info.boolean('IsPublicVisible');
  const seatsOn = info.boolean('IsSeatEnabled') ?? false;
  const seatMode = takeSeatModeField(info);
  const maxSeats = info.integer('MaxSeatCount', { min: 1, max: MAX_SEAT_COUNT, optional: true });
  const activityStatus = info.integer('ActivityStatus', { min: -INT32_MAX - 1, max: INT32_MAX, optional: true });
  const unlimited = info.boolean('IsUnlimitedRoomEnabled');
  const customInfo = info.string('CustomInfo', { maxBytes: MAX_CUSTOM_INFO_BYTES, optional: true });

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

export const destroyRoom: Handler = (call) => {
  const roomId = call.fields.roomId();
  liveRoom(call, roomId);
  applyRule(call, roomId, (room) => endRoom(room, call.ctx.actor));
  call.ctx.repo.clearMetadata(roomId);
};

export const updateRoomInfo: Handler = (call) => {
  const { ctx } = call;
  const info = call.fields.object('RoomInfo');
  const roomId = info.roomId();
  const name = roomName(info);
  const maxMembers = info.integer('MaxMemberCount', { min: 1, max: ctx.config.maxMembers, optional: true });
  const isMessageDisabled = info.boolean('IsMessageDisabled');
  const coverUrl = info.string('CoverURL', { maxBytes: MAX_COVER_URL_BYTES, optional: true });
  const categories = category(info);
  const activityStatus = info.integer('ActivityStatus', { min: -INT32_MAX - 1, max: INT32_MAX, optional: true });
  const isPublicVisible = info.boolean('IsPublicVisible');
  const seatMode = takeSeatModeField(info);
  const customInfo = info.string('CustomInfo', { maxBytes: MAX_CUSTOM_INFO_BYTES, optional: true });
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

export const getRoomInfo: Handler = (call) => {
  const room = liveRoom(call, call.fields.roomId());
  return { Response: { RoomInfo: restRoomInfo(room, call.ctx.repo.extrasOf(room.info.roomId, room.info.createdAt)) } };
};

function encodeNext(room: RoomState): string {
  return `${room.viewCount}:${encodeURIComponent(room.info.roomId)}`;
}

/** Live public rooms, most entries (ViewCount) first, room ID breaking ties; `Next` continues after the last one. */
export const getRoomList: Handler = (call) => {
  const next = call.fields.string('Next', { maxBytes: 256 });
  const count = call.fields.integer('Count', { min: 1, max: 20, optional: true }) ?? 20;
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
export const METADATA_MAX_KEY_BYTES = 50;
export const METADATA_MAX_VALUE_BYTES = 2 * 1024;
export const METADATA_MAX_TOTAL_BYTES = 16 * 1024;

function keyList(fields: Fields, allowEmpty: boolean): string[] {
  return [
    ...new Set(
      fields.array('Keys', { max: 100, allowEmpty }, (v, i) => {
        if (typeof v !== 'string' || !v) throw fields.err(`Keys[${i}] must be a non-empty string`);
        return v;
      }),
    ),
  ];
}

export const getRoomMetadata: Handler = (call) => {
  const roomId = call.fields.roomId();
  const keys = keyList(call.fields, true);
  liveRoom(call, roomId);
  const all = call.ctx.repo.metadata(roomId);
  return { Response: { Metadata: keys.length ? all.filter((m) => keys.includes(m.Key)) : all } };
};

export const setRoomMetadata: Handler = (call) => {
  const { fields, ctx } = call;
  const roomId = fields.roomId();
  const items = fields.array('Metadata', { max: 100 }, (v, i): MetadataItem => {
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw fields.err(`Metadata[${i}] must be an object {Key, Value}`);
    const { Key, Value } = v as Record<string, unknown>;
    if (typeof Key !== 'string' || !Key) throw fields.err(`Metadata[${i}].Key must be a non-empty string`);
    if (typeof Value !== 'string') throw fields.err(`Metadata[${i}].Value must be a string`);
    if (byteLength(Key) > METADATA_MAX_KEY_BYTES)
      throw new RestError(
        RestCode.METADATA_KEY_TOO_LARGE,
        `Metadata[${i}].Key is longer than ${METADATA_MAX_KEY_BYTES} bytes`,
      );
    if (byteLength(Value) > METADATA_MAX_VALUE_BYTES)
      throw new RestError(RestCode.METADATA_VALUE_TOO_LARGE, `Metadata[${i}].Value is larger than 2 KB`);
    return { Key, Value };
  });
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

export const delRoomMetadata: Handler = (call) => {
  const { fields, ctx } = call;
  const roomId = fields.roomId();
  const keys = keyList(fields, false);
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
