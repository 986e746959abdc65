// Seat rules of the RoomEngine test double: the seat table, applications and invitations. Every seat change goes
// through changeRoom (engine-rooms.ts): ONE onSeatListChanged to each member per change.
//
// Rules chosen where the documents are silent (evidence in brackets):
// - seatIndex -1 means "any free, unlocked seat" for takeSeat and takeUserOnSeatByAdmin (takeSeat's JSDoc: "无麦位
//   序号时设置为 -1"); the lowest such index is taken, none → ERR_ALL_SEAT_OCCUPIED.
// - Only idle seats can be applied for or offered: a locked seat fails (100200), a taken one (100210), both at
//   request time and again when the request is answered; a failed answer leaves the request pending.
// - An immediate takeSeat (free mode, or an owner/admin) also calls requestCallback with kRequestAccepted
//   (requestId '', userId the taker); the returned TUIRequest has requestId '' (its JSDoc: cancellable only when
//   requestId is not '').
// - Request callbacks name the other party in `userId`: the responder (accepted/rejected), the canceller, the
//   invitee (invitations); a timed-out application names the applicant.
// - An application that times out (timeout seconds on the clock; 0 = never) ends with kRequestTimeout to the
//   applicant, and the managers get onRequestCancelled (the web SDK has no request-timeout event; TUILiveKit's
//   anchor drops an applicant on onRequestCancelled only, Electron/src/TUILiveKit anchor view). Likewise an
//   invitation that times out: kRequestTimeout to the inviter, onRequestCancelled to the invitee.
// - A user has at most one pending application per room (again: ERR_REQUEST_ID_REPEAT); an invitee at most one
//   pending invitation.
// - Locking an occupied seat (lockSeat) first takes its occupant off (REST lock_seat: "如果麦上有人，会先将用户下麦，
//   再锁定", seed 002 L17081), who gets onKickedOffSeat; a locked seat cannot be taken. Locking a seat's audio
//   turns its occupant's audio off; unlocking does not turn it back on (the user unmutes).
// - kickUserOffSeatByAdmin finds the user's seat itself (TUILiveKit Flutter passes seatIndex 0 for any seat).
// - An admin may act on general users only (kick, move, lock their seat); the owner on anyone: ERR_NEED_OWNER_PERMISSION.
import {
  TUIChangeReason,
  TUIMoveSeatPolicy,
  TUIRequestCallbackType,
  TUIRole,
  TUISeatMode,
  type TUIRequest,
  type TUIRequestCallback,
  type TUISeatInfo,
  type TUISeatLockParams,
} from '../../../src/backends/tencent/engine-sdk.js';
import { ENGINE_CODE, EngineError } from './engine-codes.js';
import type { EngineCloud } from './engine-cloud.js';
import {
  changeRoom,
  dropRequest,
  managersIn,
  REQUEST_ACTION,
  requireAuthorityOver,
  seatList,
  tellCancelled,
} from './engine-rooms.js';
import type { Client, RequestState, RoomState } from './engine-state.js';

type Callback = ((info: TUIRequestCallback) => void) | undefined;

function requireSeats(room: RoomState): void {
  if (!room.settings.isSeatEnabled)
    throw new EngineError(ENGINE_CODE.ERR_SEAT_NOT_SUPPORT_LINK_MIC, 'this room has no seats');
}

function requireManager(cloud: EngineCloud, room: RoomState, userId: string): void {
  if (cloud.role(room, userId) === TUIRole.kGeneralUser)
    throw new EngineError(ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION, 'only the owner or an admin can do this');
}

function checkIndex(room: RoomState, index: number, anyAllowed: boolean): void {
  if (anyAllowed && index === -1) return;
  if (!Number.isInteger(index) || index < 0 || index >= room.seats.length)
    throw new EngineError(ENGINE_CODE.ERR_SEAT_INDEX_NOT_EXIST, 'no such seat');
}

/** The seat a request or take would get now: -1 → the lowest free unlocked seat. */
function resolveSeat(room: RoomState, index: number): number {
  if (index === -1) {
    const free = room.seats.findIndex((s) => s.userId === '' && !s.locked);
    if (free < 0) throw new EngineError(ENGINE_CODE.ERR_ALL_SEAT_OCCUPIED, 'all seats are taken');
    return free;
  }
  const seat = room.seats[index]!;
  if (seat.locked) throw new EngineError(ENGINE_CODE.ERR_SEAT_LOCKED, 'the seat is locked');
  if (seat.userId !== '') throw new EngineError(ENGINE_CODE.ERR_SEAT_OCCUPIED, 'the seat is taken');
  return index;
}

function seatOf(room: RoomState, userId: string): number {
  return room.seats.findIndex((s) => s.userId === userId);
}

function requireSeated(room: RoomState, userId: string): number {
  const index = seatOf(room, userId);
  if (index < 0) throw new EngineError(ENGINE_CODE.ERR_USER_NOT_IN_SEAT, 'the user is not on a seat');
  return index;
}

function makeRequest(cloud: EngineCloud, kind: 'apply' | 'invite', from: string, requestId: string): TUIRequest {
  const profile = cloud.profile(from);
  return {
    requestAction: REQUEST_ACTION[kind],
    timestamp: cloud.clock.now(),
    requestId,
    userId: from,
    userName: profile.userName,
    nameCard: '',
    avatarUrl: profile.avatarUrl,
    content: '',
  };
}

function reply(type: number, requestId: string, userId: string, code = 0, message = ''): TUIRequestCallback {
  return { requestCallbackType: type as TUIRequestCallback['requestCallbackType'], requestId, userId, code, message };
}

/** Tells a user they were taken off their seat by `operator`. */
export function tellKickedOffSeat(
  cloud: EngineCloud,
  room: RoomState,
  userId: string,
  seatIndex: number,
  operator: string,
): void {
  const member = room.members.get(userId);
  if (member)
    cloud.emitRoom(
      member.client,
      'onKickedOffSeat',
      { seatIndex, userInfo: cloud.userInfo(room, operator), userId: operator },
      true,
    );
}

export function getSeatList(cloud: EngineCloud, client: Client): TUISeatInfo[] {
  const room = cloud.roomOf(client);
  const list = seatList(cloud, room);
  client.knownSeats = list.map((s) => ({ ...s }));
  return list;
}

function startTimer(cloud: EngineCloud, room: RoomState, req: RequestState, seconds: number): void {
  if (!(seconds > 0)) return;
  req.timer = cloud.clock.setTimeout(() => {
    req.timer = null;
    if (room.requests.get(req.request.requestId) !== req) return;
    dropRequest(cloud, room, req);
    const other = req.kind === 'apply' ? req.from : req.to;
    cloud.callback(
      req.senderClient,
      req.callback,
      reply(TUIRequestCallbackType.kRequestTimeout, req.request.requestId, other, 0, 'the request timed out'),
    );
    tellCancelled(cloud, room, req, req.from);
  }, seconds * 1000);
}

/** Takes a seat at once (free mode, or an owner/admin) or applies for it (apply mode, general user). */
export function takeSeat(
  cloud: EngineCloud,
  client: Client,
  o: { seatIndex: number; timeout: number; requestCallback?: Callback },
): TUIRequest {
  const room = cloud.roomOf(client);
  requireSeats(room);
  const userId = client.userId;
  if (seatOf(room, userId) >= 0) throw new EngineError(ENGINE_CODE.ERR_ALREADY_IN_SEAT, 'already on a seat');
  checkIndex(room, o.seatIndex, true);
  if (!(o.timeout >= 0)) throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'timeout: seconds, 0 = none');
  const immediate =
    room.settings.seatMode === TUISeatMode.kFreeToTake || cloud.role(room, userId) !== TUIRole.kGeneralUser;
  if (!immediate && [...room.requests.values()].some((r) => r.kind === 'apply' && r.from === userId))
    throw new EngineError(ENGINE_CODE.ERR_REQUEST_ID_REPEAT, 'you already applied for a seat');
  const index = resolveSeat(room, o.seatIndex);
  if (immediate) {
    changeRoom(cloud, room, () => (room.seats[index]!.userId = userId));
    cloud.callback(client, o.requestCallback, reply(TUIRequestCallbackType.kRequestAccepted, '', userId));
    return makeRequest(cloud, 'apply', userId, '');
  }
  const request = makeRequest(cloud, 'apply', userId, cloud.newRequestId());
  const req: RequestState = {
    request,
    kind: 'apply',
    roomId: room.roomId,
    from: userId,
    to: '',
    seatIndex: o.seatIndex,
    senderClient: client,
    callback: o.requestCallback,
    timer: null,
  };
  room.requests.set(request.requestId, req);
  startTimer(cloud, room, req, o.timeout);
  for (const manager of managersIn(cloud, room))
    cloud.emitRoom(manager, 'onRequestReceived', { request: { ...request } });
  return { ...request };
}

/** Invites a present user to a seat; they answer with responseRemoteRequest. */
export function takeUserOnSeatByAdmin(
  cloud: EngineCloud,
  client: Client,
  o: { seatIndex: number; userId: string; timeout: number; requestCallback?: Callback },
): TUIRequest {
  const room = cloud.roomOf(client);
  requireSeats(room);
  requireManager(cloud, room, client.userId);
  if (o.userId === client.userId) throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'use takeSeat for yourself');
  const invitee = room.members.get(o.userId);
  if (!invitee) throw new EngineError(ENGINE_CODE.ERR_USER_NOT_ENTERED, 'the user is not in the room');
  if (seatOf(room, o.userId) >= 0)
    throw new EngineError(ENGINE_CODE.ERR_ALREADY_IN_SEAT, 'the user is already on a seat');
  checkIndex(room, o.seatIndex, true);
  if (!(o.timeout >= 0)) throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'timeout: seconds, 0 = none');
  if ([...room.requests.values()].some((r) => r.kind === 'invite' && r.to === o.userId))
    throw new EngineError(ENGINE_CODE.ERR_REQUEST_ID_REPEAT, 'the user already has an invitation');
  resolveSeat(room, o.seatIndex);
  const request = makeRequest(cloud, 'invite', client.userId, cloud.newRequestId());
  const req: RequestState = {
    request,
    kind: 'invite',
    roomId: room.roomId,
    from: client.userId,
    to: o.userId,
    seatIndex: o.seatIndex,
    senderClient: client,
    callback: o.requestCallback,
    timer: null,
  };
  room.requests.set(request.requestId, req);
  startTimer(cloud, room, req, o.timeout);
  cloud.emitRoom(invitee.client, 'onRequestReceived', { request: { ...request } });
  return { ...request };
}

/**
 * Answers an application (owner/admin; the other managers get onRequestProcessed) or an invitation (the invitee).
 * A request already answered, cancelled or timed out: ERR_REQUEST_ID_INVALID.
 */
export function responseRemoteRequest(
  cloud: EngineCloud,
  client: Client,
  o: { requestId: string; agree: boolean },
): void {
  const room = cloud.roomOf(client);
  const req = room.requests.get(o?.requestId);
  if (!req) throw new EngineError(ENGINE_CODE.ERR_REQUEST_ID_INVALID, 'no such pending request');
  const me = client.userId;
  const seated = req.kind === 'apply' ? req.from : req.to;
  if (req.kind === 'apply' ? cloud.role(room, me) === TUIRole.kGeneralUser : req.to !== me)
    throw new EngineError(ENGINE_CODE.ERR_REQUEST_NO_PERMISSION, 'this request is not yours to answer');
  let index = -1;
  if (o.agree) {
    if (seatOf(room, seated) >= 0) throw new EngineError(ENGINE_CODE.ERR_ALREADY_IN_SEAT, 'already on a seat');
    index = resolveSeat(room, req.seatIndex);
  }
  dropRequest(cloud, room, req);
  if (o.agree) changeRoom(cloud, room, () => (room.seats[index]!.userId = seated));
  const type = o.agree ? TUIRequestCallbackType.kRequestAccepted : TUIRequestCallbackType.kRequestRejected;
  cloud.callback(req.senderClient, req.callback, reply(type, req.request.requestId, me));
  if (req.kind === 'apply') {
    for (const manager of managersIn(cloud, room)) {
      if (manager.userId === me) continue;
      cloud.emitRoom(manager, 'onRequestProcessed', {
        requestId: req.request.requestId,
        userId: me,
        request: { ...req.request },
        userInfo: cloud.userInfo(room, me),
      });
    }
  }
}

/** The sender withdraws its request: onRequestCancelled to its receivers, kRequestCancelled to its callback. */
export function cancelRequest(cloud: EngineCloud, client: Client, o: { requestId: string }): void {
  const room = cloud.roomOf(client);
  const req = room.requests.get(o?.requestId);
  if (!req) throw new EngineError(ENGINE_CODE.ERR_REQUEST_ID_INVALID, 'no such pending request');
  if (req.from !== client.userId)
    throw new EngineError(ENGINE_CODE.ERR_REQUEST_NO_PERMISSION, 'only the sender can cancel a request');
  dropRequest(cloud, room, req);
  tellCancelled(cloud, room, req, client.userId);
  cloud.callback(
    req.senderClient,
    req.callback,
    reply(TUIRequestCallbackType.kRequestCancelled, req.request.requestId, client.userId),
  );
}

export function getSeatApplicationList(cloud: EngineCloud, client: Client): TUIRequest[] {
  const room = cloud.roomOf(client);
  requireManager(cloud, room, client.userId);
  return [...room.requests.values()].filter((r) => r.kind === 'apply').map((r) => ({ ...r.request }));
}

/** Rule: leaving keeps the seat's locks. */
export function leaveSeat(cloud: EngineCloud, client: Client): void {
  const room = cloud.roomOf(client);
  const index = requireSeated(room, client.userId);
  changeRoom(cloud, room, () => (room.seats[index]!.userId = ''));
}

/** Moves the caller; a taken or locked target fails and nothing changes; the same seat is a no-op. */
export function moveToSeat(cloud: EngineCloud, client: Client, o: { targetSeatIndex: number }): void {
  const room = cloud.roomOf(client);
  requireSeats(room);
  const from = requireSeated(room, client.userId);
  checkIndex(room, o?.targetSeatIndex, false);
  if (o.targetSeatIndex === from) return;
  const to = resolveSeat(room, o.targetSeatIndex);
  changeRoom(cloud, room, () => {
    room.seats[from]!.userId = '';
    room.seats[to]!.userId = client.userId;
  });
}

/** Moves a seated user; a taken target: abort (100210), replace (its occupant gets onKickedOffSeat) or swap. */
export function moveUserToSeatByAdmin(
  cloud: EngineCloud,
  client: Client,
  o: { userId: string; targetSeatIndex: number; policy: number },
): void {
  const room = cloud.roomOf(client);
  requireSeats(room);
  requireManager(cloud, room, client.userId);
  const me = client.userId;
  if (o.userId !== me) requireAuthorityOver(cloud, room, me, o.userId);
  const from = requireSeated(room, o.userId);
  checkIndex(room, o.targetSeatIndex, false);
  const policy = o.policy ?? TUIMoveSeatPolicy.kAbortWhenOccupied;
  if (
    policy !== TUIMoveSeatPolicy.kAbortWhenOccupied &&
    policy !== TUIMoveSeatPolicy.kForceReplace &&
    policy !== TUIMoveSeatPolicy.kSwapPosition
  ) {
    throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'policy');
  }
  const to = o.targetSeatIndex;
  if (to === from) return;
  const target = room.seats[to]!;
  if (target.locked) throw new EngineError(ENGINE_CODE.ERR_SEAT_LOCKED, 'the seat is locked');
  const occupant = target.userId;
  if (occupant) {
    if (policy === TUIMoveSeatPolicy.kAbortWhenOccupied)
      throw new EngineError(ENGINE_CODE.ERR_SEAT_OCCUPIED, 'the seat is taken');
    if (occupant !== me) requireAuthorityOver(cloud, room, me, occupant);
  }
  changeRoom(
    cloud,
    room,
    () => {
      room.seats[from]!.userId = policy === TUIMoveSeatPolicy.kSwapPosition ? occupant : '';
      target.userId = o.userId;
    },
    TUIChangeReason.kChangedByAdmin,
  );
  if (occupant && policy === TUIMoveSeatPolicy.kForceReplace) tellKickedOffSeat(cloud, room, occupant, to, me);
}

/** The victim gets onKickedOffSeat (after the seat list). */
export function kickUserOffSeatByAdmin(
  cloud: EngineCloud,
  client: Client,
  o: { seatIndex: number; userId: string },
): void {
  const room = cloud.roomOf(client);
  requireSeats(room);
  requireManager(cloud, room, client.userId);
  if (o.userId !== client.userId) requireAuthorityOver(cloud, room, client.userId, o.userId);
  const index = requireSeated(room, o.userId);
  changeRoom(cloud, room, () => (room.seats[index]!.userId = ''), TUIChangeReason.kChangedByAdmin);
  tellKickedOffSeat(cloud, room, o.userId, index, client.userId);
}

/** Sets a seat's locks (all three, as given); see the header for an occupied seat. */
export function lockSeatByAdmin(
  cloud: EngineCloud,
  client: Client,
  o: { seatIndex: number; lockParams: TUISeatLockParams },
): void {
  const room = cloud.roomOf(client);
  requireSeats(room);
  requireManager(cloud, room, client.userId);
  checkIndex(room, o?.seatIndex, false);
  const seat = room.seats[o.seatIndex]!;
  const params = o.lockParams ?? { lockSeat: false, lockAudio: false, lockVideo: false };
  const occupant = seat.userId;
  if (occupant && occupant !== client.userId && (params.lockSeat || params.lockAudio || params.lockVideo))
    requireAuthorityOver(cloud, room, client.userId, occupant);
  const evicts = !!params.lockSeat && occupant !== '';
  changeRoom(
    cloud,
    room,
    () => {
      if (evicts) seat.userId = '';
      seat.locked = !!params.lockSeat;
      seat.audioLocked = !!params.lockAudio;
      seat.videoLocked = !!params.lockVideo;
    },
    TUIChangeReason.kChangedByAdmin,
  );
  if (evicts) tellKickedOffSeat(cloud, room, occupant, o.seatIndex, client.userId);
}
