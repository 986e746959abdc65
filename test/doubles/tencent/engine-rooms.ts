// Room rules of the RoomEngine test double: seat-change notices, entering and leaving, the live lifecycle and the
// room list. What members do inside a room (roles, moderation, messages, gifts, audio) is in engine-members.ts;
// seats and requests in engine-seats.ts. Each function runs inside a call (see EngineCloud.request), throws
// EngineError/ChatError to reject, and emits through the cloud.
import {
  TUIChangeReason,
  TUIKickedOutOfRoomReason,
  TUIRequestAction,
  TUIRequestCallbackType,
  TUIRole,
  TUIRoomDismissedReason,
  TUIRoomType,
  TUISeatMode,
  type EngineLiveList,
  type LiveListEventPayloads,
  type StartLiveOptions,
  type TUILiveInfo,
  type TUIRoomInfo,
  type TUISeatInfo,
} from '../../../src/backends/tencent/engine-sdk.js';
import { bytes, ENGINE_CODE, EngineError, LIVE_MODIFY_FLAG, ROOM_SERVER_CODE } from './engine-codes.js';
import type { EngineCloud } from './engine-cloud.js';
import { RoomState, type Client, type RequestState } from './engine-state.js';

type Stats = Awaited<ReturnType<EngineLiveList['stopLive']>>;

/** Seats a voice room gets when startLive names no count (VoiceRoomKit's maxAnchorCount default, seed 002 L8389). */
export const DEFAULT_SEAT_COUNT = 10;
/** kLive rooms allow at most 16 seats (createRoom's JSDoc in index.d.ts). */
export const MAX_SEAT_COUNT = 16;
/** fetchLiveList's page size cap (REST get_room_list: Count at most 20, seed 002 L14257). */
export const LIVE_PAGE_SIZE = 20;

const ROOM_ID = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,48}$/;

// ---- Seat snapshots and change notices --------------------------------------------------------------------------

export function seatInfo(cloud: EngineCloud, room: RoomState, index: number): TUISeatInfo {
  const seat = room.seats[index]!;
  const profile = seat.userId ? cloud.profile(seat.userId) : undefined;
  return {
    index,
    userId: seat.userId,
    userName: profile?.userName ?? '',
    nameCard: '',
    avatarUrl: profile?.avatarUrl ?? '',
    isLocked: seat.locked,
    isVideoLocked: seat.videoLocked,
    isAudioLocked: seat.audioLocked,
  };
}

export function seatList(cloud: EngineCloud, room: RoomState): TUISeatInfo[] {
  return room.seats.map((_, i) => seatInfo(cloud, room, i));
}

/** One onSeatListChanged, each list copied for this recipient. */
export function emitSeatList(
  cloud: EngineCloud,
  client: Client,
  p: { seatList: TUISeatInfo[]; seatedList: TUISeatInfo[]; leftList: TUISeatInfo[] },
): void {
  const copy = (list: TUISeatInfo[]) => list.map((s) => ({ ...s }));
  cloud.emitRoom(client, 'onSeatListChanged', {
    seatList: copy(p.seatList),
    seatedList: copy(p.seatedList),
    leftList: copy(p.leftList),
  });
}

/**
 * Applies one change to a room and tells its members what it did: ONE onSeatListChanged (full list plus the diff:
 * seats that got a new occupant, and those seats as they were before) when any seat changed, then one
 * onUserAudioStateChanged per user whose audio went on or off (to every member, the user included).
 */
export function changeRoom(
  cloud: EngineCloud,
  room: RoomState,
  mutate: () => void,
  reason: 0 | 1 = TUIChangeReason.kChangedBySelf,
): void {
  const before = seatList(cloud, room);
  const audioBefore = new Map([...room.members.keys()].map((id) => [id, cloud.hasAudio(room, id)] as const));
  mutate();
  if (!cloud.rooms.has(room.roomId)) return;
  const after = seatList(cloud, room);
  if (after.some((s, i) => JSON.stringify(s) !== JSON.stringify(before[i]))) {
    const seatedList = after.filter((s, i) => s.userId !== '' && before[i]!.userId !== s.userId);
    const leftList = before.filter((s, i) => s.userId !== '' && after[i]!.userId !== s.userId);
    for (const member of room.members.values())
      emitSeatList(cloud, member.client, { seatList: after, seatedList, leftList });
  }
  for (const [userId, had] of audioBefore) {
    const has = cloud.hasAudio(room, userId);
    if (has !== had) cloud.broadcast(room, 'onUserAudioStateChanged', () => ({ userId, hasAudio: has, reason }));
  }
  if ([...room.members.keys()].some((id) => cloud.hasAudio(room, id) && (cloud.volumes.get(id) ?? 0) > 0))
    cloud.startVolumeReports(room);
}

// ---- Requests ending with their people --------------------------------------------------------------------------

/** The room's owner and admins present (who receive seat applications). */
export function managersIn(cloud: EngineCloud, room: RoomState): Client[] {
  return [...room.members.values()]
    .filter((m) => cloud.role(room, m.userId) !== TUIRole.kGeneralUser)
    .map((m) => m.client);
}

export function dropRequest(cloud: EngineCloud, room: RoomState, req: RequestState): void {
  room.requests.delete(req.request.requestId);
  if (req.timer !== null) cloud.clock.clearTimeout(req.timer);
}

/** onRequestCancelled to whoever holds the request: the managers for an application, the invitee for an invitation. */
export function tellCancelled(cloud: EngineCloud, room: RoomState, req: RequestState, byUserId: string): void {
  const receivers =
    req.kind === 'apply' ? managersIn(cloud, room) : [room.members.get(req.to)?.client].filter((c): c is Client => !!c);
  for (const client of receivers) {
    if (client.userId === byUserId) continue;
    cloud.emitRoom(client, 'onRequestCancelled', {
      requestId: req.request.requestId,
      userId: byUserId,
      request: { ...req.request },
      userInfo: cloud.userInfo(room, byUserId),
    });
  }
}

/**
 * Rule (the docs are silent): requests end with the people in them. A leaving applicant's application is
 * cancelled (the managers get onRequestCancelled); an invitation to a leaving user ends with kRequestError
 * (ERR_USER_NOT_ENTERED) to the inviter; a leaving inviter's invitation is cancelled (the invitee is told).
 */
export function endRequestsOf(cloud: EngineCloud, room: RoomState, userId: string): void {
  for (const req of [...room.requests.values()]) {
    if (req.kind === 'apply' && req.from === userId) {
      dropRequest(cloud, room, req);
      tellCancelled(cloud, room, req, userId);
    } else if (req.kind === 'invite' && req.to === userId) {
      dropRequest(cloud, room, req);
      cloud.callback(req.senderClient, req.callback, {
        requestCallbackType: TUIRequestCallbackType.kRequestError,
        requestId: req.request.requestId,
        userId,
        code: ENGINE_CODE.ERR_USER_NOT_ENTERED,
        message: 'the invitee left the room',
      });
    } else if (req.kind === 'invite' && req.from === userId) {
      dropRequest(cloud, room, req);
      tellCancelled(cloud, room, req, userId);
    }
  }
}

// ---- Members ----------------------------------------------------------------------------------------------------

function resetAudio(client: Client): void {
  client.micOpen = false;
  client.muted = false;
}

/**
 * Removes a member as a leave: seat freed (onSeatListChanged), audio off, their requests ended, then
 * onRemoteUserLeaveRoom and onRoomUserCountChanged to the others. Rule: the instance's microphone is closed
 * (a new room starts with it closed).
 */
export function evictMember(cloud: EngineCloud, room: RoomState, userId: string): void {
  const member = room.members.get(userId);
  if (!member) return;
  if (member.dropTimer !== null) cloud.clock.clearTimeout(member.dropTimer);
  changeRoom(cloud, room, () => {
    room.members.delete(userId);
    for (const seat of room.seats) if (seat.userId === userId) seat.userId = '';
  });
  resetAudio(member.client);
  if (member.client.roomId === room.roomId) member.client.roomId = null;
  endRequestsOf(cloud, room, userId);
  const info = cloud.userInfo(room, userId);
  cloud.broadcast(room, 'onRemoteUserLeaveRoom', () => ({ roomId: room.roomId, userInfo: { ...info } }));
  cloud.broadcast(room, 'onRoomUserCountChanged', () => ({ roomId: room.roomId, userCount: room.members.size }));
}

/** Ends a room: every member (but `except`) gets onRoomDismissed; requests and timers end silently. */
export function dismissRoom(cloud: EngineCloud, room: RoomState, reason: 1 | 2, except?: string): void {
  cloud.rooms.delete(room.roomId);
  for (const req of room.requests.values()) if (req.timer !== null) cloud.clock.clearTimeout(req.timer);
  room.requests.clear();
  if (room.volumeTimer !== null) cloud.clock.clearTimeout(room.volumeTimer);
  for (const member of room.members.values()) {
    if (member.dropTimer !== null) cloud.clock.clearTimeout(member.dropTimer);
    member.client.roomId = null;
    resetAudio(member.client);
    if (member.userId !== except)
      cloud.emitRoom(member.client, 'onRoomDismissed', { roomId: room.roomId, reason }, true);
  }
  room.members.clear();
}

function stats(room: RoomState): Stats {
  return {
    totalViewers: room.totalViewers,
    totalGiftsSent: room.totalGiftsSent,
    totalGiftCoins: room.totalGiftCoins,
    totalUniqueGiftSenders: room.giftSenders.size,
    totalLikesReceived: room.totalLikes,
  };
}

export function liveInfo(cloud: EngineCloud, room: RoomState): TUILiveInfo {
  const s = room.settings;
  const owner = cloud.profile(room.ownerId);
  return {
    roomId: room.roomId,
    roomType: TUIRoomType.kLive,
    name: s.name,
    notice: s.notice,
    isMessageDisableForAllUser: s.isMessageDisableForAllUser,
    isGiftEnabled: s.isGiftEnabled,
    isLikeEnabled: s.isLikeEnabled,
    isPublicVisible: s.isPublicVisible,
    isSeatEnabled: s.isSeatEnabled,
    keepOwnerOnSeat: s.keepOwnerOnSeat,
    seatLayoutTemplateId: s.seatLayoutTemplateId,
    maxSeatCount: s.maxSeatCount,
    seatMode: s.seatMode,
    coverUrl: s.coverUrl,
    backgroundUrl: s.backgroundUrl,
    categoryList: [...s.categoryList],
    activityStatus: s.activityStatus,
    roomOwner: room.ownerId,
    ownerName: owner.userName,
    ownerAvatarUrl: owner.avatarUrl,
    createTime: room.createTime,
    totalViewers: room.totalViewers,
    isUnlimitedRoomEnabled: false,
    cdnStreamUrl: '',
    lebSecretKey: '',
    lebEncrypted: '',
    lebSignature: '',
  };
}

export function roomInfo(cloud: EngineCloud, room: RoomState): TUIRoomInfo {
  const owner = cloud.profile(room.ownerId);
  return {
    roomId: room.roomId,
    roomName: room.settings.name,
    roomType: TUIRoomType.kLive,
    isSeatEnabled: room.settings.isSeatEnabled,
    seatMode: room.settings.seatMode,
    password: '',
    isMicrophoneDisableForAllUser: false,
    isScreenShareDisableForAllUser: false,
    isCameraDisableForAllUser: false,
    isMessageDisableForAllUser: room.settings.isMessageDisableForAllUser,
    maxSeatCount: room.settings.maxSeatCount,
    roomOwner: room.ownerId,
    ownerId: room.ownerId,
    ownerName: owner.userName,
    ownerAvatarUrl: owner.avatarUrl,
    createTime: room.createTime,
    roomMemberCount: room.members.size,
  };
}

/**
 * onLiveInfoChanged as SDK 3.4.4 delivers it: `{ liveModifyInfo: { roomId, …the flagged fields among coverUrl,
 * backgroundUrl, categoryList, isPublicVisible, activityStatus, seatLayoutTemplateId } }` (handleLiveInfoChangeEvent
 * in index.esm.js drops the rest); a change of none of those sends nothing.
 */
export function tellLiveInfo(cloud: EngineCloud, room: RoomState, flag: number): void {
  const info = liveInfo(cloud, room);
  const change: LiveListEventPayloads['onLiveInfoChanged']['liveModifyInfo'] = { roomId: room.roomId };
  if (flag & LIVE_MODIFY_FLAG.kCoverUrl) change.coverUrl = info.coverUrl;
  if (flag & LIVE_MODIFY_FLAG.kBackgroundUrl) change.backgroundUrl = info.backgroundUrl;
  if (flag & LIVE_MODIFY_FLAG.kCategory) change.categoryList = [...info.categoryList];
  if (flag & LIVE_MODIFY_FLAG.kPublic) change.isPublicVisible = info.isPublicVisible;
  if (flag & LIVE_MODIFY_FLAG.kActivityStatus) change.activityStatus = info.activityStatus;
  if (flag & LIVE_MODIFY_FLAG.kSeatLayoutTemplateId) change.seatLayoutTemplateId = info.seatLayoutTemplateId;
  if (Object.keys(change).length === 1) return;
  for (const member of room.members.values())
    cloud.emitLive(member.client, 'onLiveInfoChanged', { liveModifyInfo: { ...change } });
}

export function invalid(what: string): EngineError {
  return new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, what);
}

export function requireManager(cloud: EngineCloud, room: RoomState, userId: string): void {
  if (cloud.role(room, userId) === TUIRole.kGeneralUser)
    throw new EngineError(ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION, 'only the owner or an admin can do this');
}

/** An admin may act on general users only; the owner on anyone. */
export function requireAuthorityOver(cloud: EngineCloud, room: RoomState, actor: string, target: string): void {
  if (actor !== room.ownerId && cloud.role(room, target) !== TUIRole.kGeneralUser)
    throw new EngineError(ENGINE_CODE.ERR_NEED_OWNER_PERMISSION, 'only the owner can do this to the owner or an admin');
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name === '' || bytes(name) > 30)
    throw new EngineError(ENGINE_CODE.ERR_ROOM_NAME_INVALID, 'room name: 1..30 bytes');
}

// ---- Live lifecycle and room list -------------------------------------------------------------------------------

/**
 * Creates a kLive room and enters it as owner. Rules where the docs are silent: an empty name becomes the room ID
 * (createRoom's default); gifts, likes and public visibility default on, seats default off (REST create_room) with
 * DEFAULT_SEAT_COUNT seats and kFreeToTake; keepOwnerOnSeat seats the owner on seat 0.
 */
export function startLive(cloud: EngineCloud, client: Client, o: StartLiveOptions | TUILiveInfo): TUILiveInfo {
  if (client.roomId && cloud.rooms.has(client.roomId))
    throw new EngineError(ENGINE_CODE.ERR_ALREADY_IN_OTHER_ROOM, 'leave the current room first');
  if (!o || typeof o.roomId !== 'string' || !ROOM_ID.test(o.roomId) || bytes(o.roomId) > 48)
    throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_INVALID, 'room ID: printable ASCII, at most 48 bytes');
  const name = o.name === '' || o.name === undefined ? o.roomId : o.name;
  checkName(name);
  if (o.roomType !== undefined && o.roomType !== TUIRoomType.kLive) throw invalid('live rooms only');
  const maxSeatCount = o.maxSeatCount ?? DEFAULT_SEAT_COUNT;
  if (!Number.isInteger(maxSeatCount) || maxSeatCount < 1) throw invalid('maxSeatCount');
  if (maxSeatCount > MAX_SEAT_COUNT)
    throw new EngineError(ENGINE_CODE.ERR_MAX_SEAT_COUNT_LIMIT, `a live room has at most ${MAX_SEAT_COUNT} seats`);
  const seatMode = o.seatMode ?? TUISeatMode.kFreeToTake;
  if (seatMode !== TUISeatMode.kFreeToTake && seatMode !== TUISeatMode.kApplyToTake) throw invalid('seatMode');
  if ((o.categoryList?.length ?? 0) > 3) throw invalid('at most 3 categories');
  if (cloud.rooms.has(o.roomId)) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_OCCUPIED, 'the room ID is taken');
  const room = new RoomState(
    o.roomId,
    client.userId,
    {
      name,
      notice: o.notice ?? '',
      coverUrl: o.coverUrl ?? '',
      backgroundUrl: o.backgroundUrl ?? '',
      isPublicVisible: o.isPublicVisible ?? true,
      isMessageDisableForAllUser: o.isMessageDisableForAllUser ?? false,
      isGiftEnabled: o.isGiftEnabled ?? true,
      isLikeEnabled: o.isLikeEnabled ?? true,
      isSeatEnabled: o.isSeatEnabled ?? false,
      keepOwnerOnSeat: o.keepOwnerOnSeat ?? false,
      seatMode,
      maxSeatCount,
      seatLayoutTemplateId: o.seatLayoutTemplateId ?? 0,
      categoryList: [...(o.categoryList ?? [])],
      activityStatus: o.activityStatus ?? 0,
    },
    cloud.clock.now(),
  );
  cloud.rooms.set(room.roomId, room);
  room.members.set(client.userId, { userId: client.userId, client, joinedAt: cloud.clock.now(), dropTimer: null });
  room.totalViewers += 1;
  client.roomId = room.roomId;
  client.knownSeats = [];
  if (room.settings.keepOwnerOnSeat && room.seats.length > 0)
    changeRoom(cloud, room, () => (room.seats[0]!.userId = client.userId));
  cloud.emitRoom(client, 'onRoomUserCountChanged', { roomId: room.roomId, userCount: 1 });
  return liveInfo(cloud, room);
}

/**
 * Enters a live room. Rule: the entrant gets no seat list on entry (RoomEngine 2.0+: call getSeatList after
 * entering, seed 000 L60415); the others get onRemoteUserEnterRoom, everyone onRoomUserCountChanged. A second
 * instance of the same user entering takes the membership over; the first gets onKickedOutOfRoom
 * (kKickedByLoggedOnOtherDevice, "same userId entered the same room").
 */
export function joinLive(cloud: EngineCloud, client: Client, roomId: string): TUILiveInfo {
  if (typeof roomId !== 'string' || roomId === '') throw invalid('roomId');
  const room = cloud.rooms.get(roomId);
  if (!room) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist');
  if (client.roomId && cloud.rooms.has(client.roomId)) {
    if (client.roomId === roomId && room.members.get(client.userId)?.client === client)
      throw new EngineError(ENGINE_CODE.ERR_ALREADY_ROOM_ENTER, 'already in this room');
    if (client.roomId !== roomId)
      throw new EngineError(ENGINE_CODE.ERR_ALREADY_IN_OTHER_ROOM, 'leave the current room first');
  }
  const userId = client.userId;
  if ((room.bannedUntil.get(userId) ?? 0) > cloud.clock.now())
    throw new EngineError(ROOM_SERVER_CODE.MEMBER_BANNED, 'you are banned from this room');
  const previous = room.members.get(userId);
  if (previous) {
    changeRoom(cloud, room, () => {
      room.members.set(userId, { userId, client, joinedAt: previous.joinedAt, dropTimer: null });
      previous.client.roomId = null;
    });
    if (previous.dropTimer !== null) cloud.clock.clearTimeout(previous.dropTimer);
    cloud.emitRoom(
      previous.client,
      'onKickedOutOfRoom',
      {
        roomId,
        reason: TUIKickedOutOfRoomReason.kKickedByLoggedOnOtherDevice,
        message: 'you entered this room elsewhere',
      },
      true,
    );
  } else {
    if (room.members.size >= cloud.maxRoomMembers)
      throw new EngineError(ENGINE_CODE.ERR_ROOM_USER_FULL, 'the room is full');
    room.members.set(userId, { userId, client, joinedAt: cloud.clock.now(), dropTimer: null });
  }
  room.totalViewers += 1;
  client.roomId = roomId;
  client.knownSeats = [];
  if (!previous) {
    const info = cloud.userInfo(room, userId);
    cloud.broadcast(room, 'onRemoteUserEnterRoom', () => ({ roomId, userInfo: { ...info } }), userId);
    cloud.broadcast(room, 'onRoomUserCountChanged', () => ({ roomId, userCount: room.members.size }));
  }
  return liveInfo(cloud, room);
}

export function leaveLive(cloud: EngineCloud, client: Client): void {
  const room = cloud.roomOf(client);
  if (room.ownerId === client.userId)
    throw new EngineError(
      ENGINE_CODE.ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER,
      'the owner cannot leave a live room, only stop it',
    );
  evictMember(cloud, room, client.userId);
}

export function stopLive(cloud: EngineCloud, client: Client): Stats {
  const room = cloud.roomOf(client);
  if (room.ownerId !== client.userId)
    throw new EngineError(ENGINE_CODE.ERR_DESTROY_ROOM_NO_PERMISSION, 'only the owner can stop the live');
  const result = stats(room);
  dismissRoom(cloud, room, TUIRoomDismissedReason.kByOwner, client.userId);
  return result;
}

export function getLiveInfo(cloud: EngineCloud, roomId: string): TUILiveInfo {
  const room = cloud.rooms.get(roomId);
  if (!room) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist');
  return liveInfo(cloud, room);
}

type LiveInfoChange = Parameters<EngineLiveList['setLiveInfo']>[0];

/** Owner or admin (present or not); onLiveInfoChanged with the flags of the fields given. */
export function setLiveInfo(cloud: EngineCloud, client: Client, o: LiveInfoChange): void {
  const room = o && cloud.rooms.get(o.roomId);
  if (!room) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist');
  requireManager(cloud, room, client.userId);
  if ((o.categoryList?.length ?? 0) > 3) throw invalid('at most 3 categories');
  const s = room.settings;
  let flag = 0;
  if (o.coverUrl !== undefined) {
    s.coverUrl = o.coverUrl;
    flag |= LIVE_MODIFY_FLAG.kCoverUrl;
  }
  if (o.backgroundUrl !== undefined) {
    s.backgroundUrl = o.backgroundUrl;
    flag |= LIVE_MODIFY_FLAG.kBackgroundUrl;
  }
  if (o.isPublicVisible !== undefined) {
    s.isPublicVisible = o.isPublicVisible;
    flag |= LIVE_MODIFY_FLAG.kPublic;
  }
  if (o.activityStatus !== undefined) {
    s.activityStatus = o.activityStatus;
    flag |= LIVE_MODIFY_FLAG.kActivityStatus;
  }
  if (o.categoryList !== undefined) {
    s.categoryList = [...o.categoryList];
    flag |= LIVE_MODIFY_FLAG.kCategory;
  }
  if (o.seatLayoutTemplateId !== undefined) {
    s.seatLayoutTemplateId = o.seatLayoutTemplateId;
    flag |= LIVE_MODIFY_FLAG.kSeatLayoutTemplateId;
  }
  if (flag !== 0) tellLiveInfo(cloud, room, flag);
}

/**
 * Public rooms, most viewed first (REST get_room_list sorts by ViewCount; ties in creation order), at most
 * LIVE_PAGE_SIZE a page; the cursor is opaque ('' = first page; '' back = no more).
 */
export function fetchLiveList(
  cloud: EngineCloud,
  o: { cursor: string; count: number },
): { cursor: string; liveInfoList: TUILiveInfo[] } {
  if (!o || !Number.isInteger(o.count) || o.count < 1) throw invalid('count');
  let offset = 0;
  if (o.cursor) {
    let decoded: string;
    try {
      decoded = atob(o.cursor);
    } catch {
      throw invalid('cursor');
    }
    const match = /^live-list:(\d+)$/.exec(decoded);
    if (!match) throw invalid('cursor');
    offset = Number(match[1]);
  }
  const all = [...cloud.rooms.values()]
    .filter((r) => r.settings.isPublicVisible)
    .sort((a, b) => b.totalViewers - a.totalViewers);
  const page = all.slice(offset, offset + Math.min(o.count, LIVE_PAGE_SIZE));
  const next = offset + page.length;
  return {
    cursor: next < all.length ? btoa(`live-list:${next}`) : '',
    liveInfoList: page.map((r) => liveInfo(cloud, r)),
  };
}

export function fetchRoomInfo(cloud: EngineCloud, client: Client, o?: { roomId: string }): TUIRoomInfo {
  if (o?.roomId) {
    const room = cloud.rooms.get(o.roomId);
    if (!room) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist');
    return roomInfo(cloud, room);
  }
  return roomInfo(cloud, cloud.roomOf(client));
}

/** onRoomNameChanged to every member (the caller too), and onLiveInfoChanged (kName). */
export function updateRoomName(cloud: EngineCloud, client: Client, roomName: string): void {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  checkName(roomName);
  room.settings.name = roomName;
  cloud.broadcast(room, 'onRoomNameChanged', () => ({ roomId: room.roomId, roomName }));
  tellLiveInfo(cloud, room, LIVE_MODIFY_FLAG.kName);
}

/** onRoomSeatModeChanged to every member, and onLiveInfoChanged (kTakeSeatMode). Pending applications stay. */
export function updateSeatMode(cloud: EngineCloud, client: Client, seatMode: number): void {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  if (seatMode !== TUISeatMode.kFreeToTake && seatMode !== TUISeatMode.kApplyToTake) throw invalid('seatMode');
  room.settings.seatMode = seatMode;
  cloud.broadcast(room, 'onRoomSeatModeChanged', () => ({ roomId: room.roomId, seatMode }));
  tellLiveInfo(cloud, room, LIVE_MODIFY_FLAG.kTakeSeatMode);
}

/** TUIRequestAction for the request kinds the double knows. */
export const REQUEST_ACTION = {
  apply: TUIRequestAction.kRequestToTakeSeat,
  invite: TUIRequestAction.kRequestRemoteUserOnSeat,
} as const;
