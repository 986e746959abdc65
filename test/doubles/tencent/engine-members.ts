// What members do inside a room, for the RoomEngine test double: user list and roles, moderation (the engine's and
// the Chat slice's), messages, gifts and likes, local audio and volume reports. Room entry, the live lifecycle and
// seat-change notices are in engine-rooms.ts.
import {
  TUIKickedOutOfRoomReason,
  TUIRole,
  type EngineGifts,
  type GiftInfo,
  type TUIUserInfo,
} from '../../../src/backends/tencent/engine-sdk.js';
import {
  bytes,
  CHAT_CODE,
  ChatError,
  ENGINE_CODE,
  EngineError,
  LIVE_MODIFY_FLAG,
  ROOM_SERVER_CODE,
} from './engine-codes.js';
import type { EngineCloud } from './engine-cloud.js';
import {
  changeRoom,
  evictMember,
  invalid,
  requireAuthorityOver,
  requireManager,
  tellLiveInfo,
} from './engine-rooms.js';
import type { Client, RoomState } from './engine-state.js';

/** getUserList's page size (its JSDoc: at most 50 users per call). */
export const USER_PAGE_SIZE = 50;
/** Chat's message size limit, text plus extension (Chat docs: 12 KB; over it Chat fails with 80002). */
export const MESSAGE_LIMIT_BYTES = 12 * 1024;
/** Admins per room (REST modify_admin: at most 5, seed 002 L15894). */
export const MAX_ADMINS = 5;

// ---- Members and roles ------------------------------------------------------------------------------------------

/** Members in the order they entered (the docs give no order), USER_PAGE_SIZE a page; nextSequence 0 = done. */
export function getUserList(
  cloud: EngineCloud,
  client: Client,
  o?: { nextSequence?: number },
): { nextSequence: number; userInfoList: TUIUserInfo[] } {
  const room = cloud.roomOf(client);
  const offset = o?.nextSequence ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('nextSequence');
  const all = [...room.members.keys()];
  const page = all.slice(offset, offset + USER_PAGE_SIZE);
  return {
    nextSequence: offset + page.length < all.length ? offset + page.length : 0,
    userInfoList: page.map((id) => cloud.userInfo(room, id)),
  };
}

/** A member of the caller's room; else anyone the cloud knows (as a general user outside the room); else -2200. */
export function getUserInfo(cloud: EngineCloud, client: Client, userId: string): TUIUserInfo {
  const room = client.roomId ? cloud.rooms.get(client.roomId) : undefined;
  if (room?.members.has(userId)) return cloud.userInfo(room, userId);
  if (!cloud.profiles.has(userId)) throw new EngineError(ENGINE_CODE.ERR_USER_NOT_EXIST, 'no such user');
  return cloud.userInfo(undefined, userId);
}

/**
 * Owner only; the target must be present. kRoomOwner transfers the room (the old owner becomes a general user).
 * Every member gets onUserRoleChanged then onUserInfoChanged for each user whose role changed.
 */
export function changeUserRole(cloud: EngineCloud, client: Client, o: { userId: string; userRole: number }): void {
  const room = cloud.roomOf(client);
  if (room.ownerId !== client.userId)
    throw new EngineError(ENGINE_CODE.ERR_NEED_OWNER_PERMISSION, 'only the owner can change roles');
  if (!room.members.has(o.userId))
    throw new EngineError(ENGINE_CODE.ERR_USER_NOT_ENTERED, 'the user is not in the room');
  if (o.userId === client.userId) throw invalid('the owner cannot change their own role');
  const changed = [o.userId];
  if (o.userRole === TUIRole.kAdministrator) {
    if (!room.admins.has(o.userId) && room.admins.size >= MAX_ADMINS)
      throw new EngineError(ROOM_SERVER_CODE.TOO_MANY_ADMINS, `a room has at most ${MAX_ADMINS} admins`);
    room.admins.add(o.userId);
  } else if (o.userRole === TUIRole.kGeneralUser) {
    room.admins.delete(o.userId);
  } else if (o.userRole === TUIRole.kRoomOwner) {
    room.admins.delete(o.userId);
    room.ownerId = o.userId;
    changed.push(client.userId);
  } else throw invalid('userRole');
  for (const userId of changed) {
    const info = cloud.userInfo(room, userId);
    cloud.broadcast(room, 'onUserRoleChanged', () => ({ userId, userRole: info.userRole, userInfo: { ...info } }));
    cloud.broadcast(room, 'onUserInfoChanged', () => ({ userInfo: { ...info } }));
  }
}

function kickOut(cloud: EngineCloud, room: RoomState, userId: string, message: string): void {
  const member = room.members.get(userId);
  if (!member) return;
  cloud.emitRoom(
    member.client,
    'onKickedOutOfRoom',
    { roomId: room.roomId, reason: TUIKickedOutOfRoomReason.kKickedByAdmin, message },
    true,
  );
  evictMember(cloud, room, userId);
}

/** Owner/admin (an admin only over general users); the victim gets onKickedOutOfRoom (kKickedByAdmin). */
export function kickRemoteUserOutOfRoom(cloud: EngineCloud, client: Client, userId: string): void {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  if (userId === client.userId) throw invalid('you cannot kick yourself');
  if (!room.members.has(userId)) throw new EngineError(ENGINE_CODE.ERR_USER_NOT_ENTERED, 'the user is not in the room');
  requireAuthorityOver(cloud, room, client.userId, userId);
  kickOut(cloud, room, userId, 'kicked out by an admin');
}

/** onSendMessageForAllUserDisableChanged to every member, and onLiveInfoChanged (kDisableMessage). */
export function disableSendingMessageForAllUser(cloud: EngineCloud, client: Client, isDisable: boolean): void {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  room.settings.isMessageDisableForAllUser = !!isDisable;
  cloud.broadcast(room, 'onSendMessageForAllUserDisableChanged', () => ({
    roomId: room.roomId,
    isDisable: !!isDisable,
  }));
  tellLiveInfo(cloud, room, LIVE_MODIFY_FLAG.kDisableMessage);
}

/** Mutes a present member until lifted; onSendMessageForUserDisableChanged to every member. */
export function disableSendingMessageByAdmin(
  cloud: EngineCloud,
  client: Client,
  o: { userId: string; isDisable: boolean },
): void {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  if (o.userId === client.userId) throw invalid('you cannot mute yourself');
  if (!room.members.has(o.userId))
    throw new EngineError(ENGINE_CODE.ERR_USER_NOT_ENTERED, 'the user is not in the room');
  requireAuthorityOver(cloud, room, client.userId, o.userId);
  if (o.isDisable) room.mutedUntil.set(o.userId, Number.POSITIVE_INFINITY);
  else room.mutedUntil.delete(o.userId);
  cloud.broadcast(room, 'onSendMessageForUserDisableChanged', () => ({
    roomId: room.roomId,
    userId: o.userId,
    isDisable: !!o.isDisable,
  }));
}

// ---- The Chat slice's moderation (same rooms: an AVChatRoom per room, groupID = roomId) -------------------------

function chatGroup(room: RoomState) {
  return {
    groupID: room.roomId,
    type: 'AVChatRoom',
    name: room.settings.name,
    ownerID: room.ownerId,
    memberCount: room.members.size,
  };
}

function requireChatAuthority(cloud: EngineCloud, room: RoomState, actor: string, target: string): void {
  if (cloud.role(room, actor) === TUIRole.kGeneralUser)
    throw new ChatError(CHAT_CODE.GROUP_PERMISSION_DENIED, 'owner or admin only');
  if (target === room.ownerId || (actor !== room.ownerId && room.admins.has(target)))
    throw new ChatError(CHAT_CODE.GROUP_PERMISSION_DENIED, 'cannot do this to the owner or another admin');
}

/**
 * Chat's setGroupMemberMuteTime on the room's group: the same per-user mute as disableSendingMessageByAdmin, for
 * `muteTime` seconds (0 lifts it); onSendMessageForUserDisableChanged to every member. Rule: the mute lapses
 * silently on the clock (Chat sends nothing when a mute ends; sending simply works again). The user need not be
 * present. Muting yourself fails as in the SDK (2685).
 */
export function chatSetMuteTime(
  cloud: EngineCloud,
  me: string,
  o: { groupID: string; userID: string; muteTime: number },
) {
  if (o.userID === me) throw new ChatError(CHAT_CODE.CANNOT_MUTE_SELF, 'you cannot mute yourself');
  const room = cloud.rooms.get(o.groupID);
  if (!room) throw new ChatError(CHAT_CODE.GROUP_NOT_FOUND, 'the group does not exist');
  requireChatAuthority(cloud, room, me, o.userID);
  if (!Number.isFinite(o.muteTime) || o.muteTime < 0)
    throw new ChatError(CHAT_CODE.INVALID_PARAMETERS, 'muteTime: seconds, 0 to unmute');
  const until = o.muteTime === 0 ? 0 : cloud.clock.now() + o.muteTime * 1000;
  if (until === 0) room.mutedUntil.delete(o.userID);
  else room.mutedUntil.set(o.userID, until);
  cloud.broadcast(room, 'onSendMessageForUserDisableChanged', () => ({
    roomId: room.roomId,
    userId: o.userID,
    isDisable: until > 0,
  }));
  return {
    code: 0,
    data: { group: chatGroup(room), member: { userID: o.userID, muteUntil: Math.floor(until / 1000) } },
  };
}

/**
 * Chat's deleteGroupMember on the room's group: for an AVChatRoom it is a ban (the SDK refuses it without a
 * `duration`: 2686), so each user is kicked (onKickedOutOfRoom, kKickedByAdmin) and cannot joinLive for
 * `duration` seconds (joinLive fails with the room server's 100016, "the member is banned"). Like the SDK, the
 * caller must be in the group (2603).
 */
/**
 * Chat's kick with a ban duration (AVChatRoom). The caller's `reason` reaches the removed user: Chat puts it in the
 * kicked-out group notice, and the engine's onKickedOutOfRoom carries a notice's text as its `message`.
 */
export function chatDeleteMembers(
  cloud: EngineCloud,
  me: string,
  o: { groupID: string; userIDList: string[]; duration?: number; reason?: string },
) {
  const room = cloud.rooms.get(o.groupID);
  if (!room || !room.members.has(me)) throw new ChatError(CHAT_CODE.CANNOT_FIND_GROUP, 'join the group first');
  if (!o.duration) throw new ChatError(CHAT_CODE.BAN_DURATION_INVALID, 'an AVChatRoom needs a ban duration');
  for (const userId of o.userIDList) requireChatAuthority(cloud, room, me, userId);
  for (const userId of o.userIDList) {
    room.bannedUntil.set(userId, cloud.clock.now() + o.duration * 1000);
    kickOut(cloud, room, userId, o.reason || 'removed from the group');
  }
  return { code: 0, data: { group: chatGroup(room), userIDList: [...o.userIDList] } };
}

// ---- Messages ---------------------------------------------------------------------------------------------------

function checkSend(cloud: EngineCloud, room: RoomState, userId: string, size: number): void {
  if (size > MESSAGE_LIMIT_BYTES)
    throw new EngineError(CHAT_CODE.MESSAGE_TOO_LONG, `a message is at most ${MESSAGE_LIMIT_BYTES} bytes`);
  if (room.settings.isMessageDisableForAllUser && cloud.role(room, userId) === TUIRole.kGeneralUser)
    throw new EngineError(ENGINE_CODE.ERR_SEND_MESSAGE_DISABLED_FOR_ALL, 'messages are disabled in this room');
  if (cloud.isMuted(room, userId))
    throw new EngineError(ENGINE_CODE.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT, 'you are muted');
}

/**
 * onReceiveTextMessage to the OTHER members: the room's messages ride on Chat group messages, which Chat never
 * echoes to the sender (TUILiveKit adds its own barrage locally after a successful send, e.g. Flutter
 * barrage_manager.dart). Owner and admins are exempt from the room-wide mute, not from their own.
 */
export function sendTextMessage(
  cloud: EngineCloud,
  client: Client,
  o: { textContent: string; extensionInfo: object },
): { sequence: number; timestampInSecond: number } {
  const room = cloud.roomOf(client);
  if (typeof o?.textContent !== 'string' || o.textContent === '') throw invalid('textContent');
  const extensionInfo = { ...(o.extensionInfo ?? {}) } as Record<string, string>;
  checkSend(cloud, room, client.userId, bytes(o.textContent) + bytes(JSON.stringify(extensionInfo)));
  const sequence = ++room.messageSeq;
  const sender = cloud.userInfo(room, client.userId);
  const timestampInSecond = Math.floor(cloud.clock.now() / 1000);
  cloud.broadcast(
    room,
    'onReceiveTextMessage',
    () => ({
      roomId: room.roomId,
      textContent: o.textContent,
      sender: { ...sender },
      sequence,
      extensionInfo: { ...extensionInfo },
      timestampInSecond,
    }),
    client.userId,
  );
  return { sequence, timestampInSecond };
}

export function sendCustomMessage(cloud: EngineCloud, client: Client, o: { businessId: string; data: string }): void {
  const room = cloud.roomOf(client);
  if (typeof o?.businessId !== 'string' || o.businessId === '' || typeof o.data !== 'string')
    throw invalid('businessId and data');
  checkSend(cloud, room, client.userId, bytes(o.businessId) + bytes(o.data));
  const sequence = ++room.messageSeq;
  const sender = cloud.userInfo(room, client.userId);
  const timestampInSecond = Math.floor(cloud.clock.now() / 1000);
  cloud.broadcast(
    room,
    'onReceiveCustomMessage',
    () => ({
      roomId: room.roomId,
      businessId: o.businessId,
      data: o.data,
      sender: { ...sender },
      sequence,
      timestampInSecond,
    }),
    client.userId,
  );
}

// ---- Gifts and likes --------------------------------------------------------------------------------------------

function roomById(cloud: EngineCloud, roomId: string): RoomState {
  const room = cloud.rooms.get(roomId);
  if (!room) throw new EngineError(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist');
  return room;
}

/** The caller must be in `roomId`. */
function memberRoom(cloud: EngineCloud, client: Client, roomId: string): RoomState {
  const room = roomById(cloud, roomId);
  if (client.roomId !== roomId || room.members.get(client.userId)?.client !== client)
    throw new EngineError(ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM, 'enter the room first');
  return room;
}

export function getGiftList(cloud: EngineCloud, roomId: string): Awaited<ReturnType<EngineGifts['getGiftList']>> {
  roomById(cloud, roomId);
  return { giftCategoryList: structuredClone(cloud.giftCatalog) };
}

function findGift(cloud: EngineCloud, giftId: string): GiftInfo | undefined {
  for (const category of cloud.giftCatalog)
    for (const gift of category.giftList) if (gift.giftID === giftId) return gift;
  return undefined;
}

/**
 * Checks the gift, asks the customer's pre-verification hook (false or a throw → 102004), then counts it and tells
 * the room. Rule: onReceiveGiftMessage goes to every member, the sender included (the gift server broadcasts it;
 * TUILiveKit plays gifts from this event only), then onGiftCountChanged (the room's totals) to every member.
 */
export async function sendGift(
  cloud: EngineCloud,
  client: Client,
  o: { roomId: string; giftId: string; count: number },
): Promise<void> {
  let room = memberRoom(cloud, client, o?.roomId);
  if (!Number.isInteger(o.count) || o.count < 1) throw invalid('count');
  if (!room.settings.isGiftEnabled)
    throw new EngineError(ENGINE_CODE.ERR_GIFT_ABILITY_NOT_ENABLED, 'gifts are off in this room');
  const gift = findGift(cloud, o.giftId);
  if (!gift) throw new EngineError(ENGINE_CODE.ERR_GIFT_NOT_EXIST, 'no such gift');
  const userId = client.userId;
  if (cloud.giftPreVerification) {
    let ok: boolean;
    try {
      ok = await cloud.giftPreVerification(userId, structuredClone(gift), o.count);
    } catch {
      ok = false;
    }
    if (!ok)
      throw new EngineError(
        ENGINE_CODE.ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED,
        'the gift was refused by pre-verification',
      );
    room = memberRoom(cloud, client, o.roomId);
  }
  room.totalGiftsSent += o.count;
  room.totalGiftCoins += gift.coins * o.count;
  room.giftSenders.add(userId);
  const sender = cloud.userInfo(room, userId);
  for (const member of room.members.values())
    cloud.emitGift(member.client, 'onReceiveGiftMessage', {
      roomId: room.roomId,
      giftInfo: structuredClone(gift),
      count: o.count,
      sender: { ...sender },
    });
  for (const member of room.members.values()) {
    cloud.emitGift(member.client, 'onGiftCountChanged', {
      roomId: room.roomId,
      totalGiftsSent: room.totalGiftsSent,
      totalGiftCoins: room.totalGiftCoins,
      totalUniqueGiftSenders: room.giftSenders.size,
    });
  }
}

/** onReceiveLikesMessage (the room's running total) to every member, the sender included. */
export function sendLikes(cloud: EngineCloud, client: Client, o: { roomId: string; count: number }): void {
  const room = memberRoom(cloud, client, o?.roomId);
  if (!Number.isInteger(o.count) || o.count < 1) throw invalid('count');
  room.totalLikes += o.count;
  const sender = cloud.userInfo(room, client.userId);
  for (const member of room.members.values())
    cloud.emitGift(member.client, 'onReceiveLikesMessage', {
      roomId: room.roomId,
      totalLikesReceived: room.totalLikes,
      sender: { ...sender },
    });
}

export function getLikesCount(cloud: EngineCloud, roomId: string): { totalLikesReceived: number } {
  return { totalLikesReceived: roomById(cloud, roomId).totalLikes };
}

export function getGiftCountByAnchor(
  cloud: EngineCloud,
  roomId: string,
): { totalGiftCoins: number; totalGiftsSent: number; totalUniqueGiftSenders: number } {
  const room = roomById(cloud, roomId);
  return {
    totalGiftCoins: room.totalGiftCoins,
    totalGiftsSent: room.totalGiftsSent,
    totalUniqueGiftSenders: room.giftSenders.size,
  };
}

// ---- Local audio ------------------------------------------------------------------------------------------------

/**
 * Microphone capture (open/close) and publishing (mute/unmute) of one instance; outside a room they only set the
 * state. Audio is on while seated, open, unmuted and the seat's audio is not locked. On an audio-locked seat,
 * opening or unmuting fails with ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK.
 */
export function setLocalAudio(
  cloud: EngineCloud,
  client: Client,
  change: { micOpen?: boolean; muted?: boolean },
): void {
  const room = client.roomId ? cloud.rooms.get(client.roomId) : undefined;
  const inRoom = room && room.members.get(client.userId)?.client === client ? room : undefined;
  const turningOn = change.micOpen === true || change.muted === false;
  if (inRoom && turningOn && inRoom.seats.some((s) => s.userId === client.userId && s.audioLocked)) {
    throw new EngineError(ENGINE_CODE.ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK, "the seat's audio is locked");
  }
  const apply = () => {
    if (change.micOpen !== undefined) client.micOpen = change.micOpen;
    if (change.muted !== undefined) client.muted = change.muted;
  };
  if (inRoom) changeRoom(cloud, inRoom, apply);
  else apply();
}

/** One volume report to every member; true while someone is still speaking (keep reporting). */
export function volumeTick(cloud: EngineCloud, room: RoomState): boolean {
  const userVolumeList = [...room.members.keys()]
    .filter((id) => cloud.hasAudio(room, id))
    .map((userId) => ({ userId, volume: cloud.volumes.get(userId) ?? 0 }));
  cloud.broadcast(room, 'onUserVoiceVolumeChanged', () => ({ userVolumeList: userVolumeList.map((v) => ({ ...v })) }));
  return userVolumeList.some((v) => v.volume > 0);
}
