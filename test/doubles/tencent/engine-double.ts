// The SDK side of the RoomEngine test double: what `EngineCloud.sdk()` hands a backend in place of
// @tencentcloud/tuiroom-engine-js. Typed against the slice in src/backends/tencent/engine-sdk.ts: the class is an
// EngineClass, instances implement EngineInstance, the managers EngineLiveList / EngineGifts, getTIM() an
// EngineChat. Every method is a call into the cloud (see engine-cloud.ts for delivery and the offline model).
//
// Sessions (the class statics, one tab each). login checks the UserSig made by engineUserSig: a malformed one fails
// with Chat's 70003, another app's 70014, another user's 70013, an expired one 70001, an unknown sdkAppId
// ERR_SDKAPPID_NOT_FOUND. A login of the same user in another tab ends the older tab's session: its instances get
// onKickedOffLine and leave their rooms (Chat has no multi-instance login without the Ultimate edition, seed 000
// L28923). When the clock passes the UserSig's expiry, the tab's instances get onUserSigExpired and the session ends
// (calls fail ERR_SDK_NOT_INITIALIZED); the cloud treats the instances as disconnected (heartbeat), and a new login
// of the same user in that tab before the heartbeat lapses resumes them. logout leaves the rooms and destroys the
// tab's instances (its JSDoc). once('ready', cb) calls back once, asynchronously.
//
// Rule: setSelfInfo changes the profile the cloud reports from then on; it sends no event.
import {
  type EngineChat,
  type EngineGifts,
  type EngineInstance,
  type EngineLiveList,
  type EngineSdk,
  type StartLiveOptions,
  type TUILiveInfo,
} from '../../../src/backends/tencent/engine-sdk.js';
type ChatMessage = ReturnType<EngineChat['createTextMessage']>;

import { CHAT_CODE, ChatError, ENGINE_CODE, EngineError, FOLLOW_TYPE, readUserSig } from './engine-codes.js';
import type { EngineCloud } from './engine-cloud.js';
import * as members from './engine-members.js';
import * as rooms from './engine-rooms.js';
import * as seats from './engine-seats.js';
import { Client, type Listener, type Session, type Tab } from './engine-state.js';

type Args<K extends keyof EngineInstance> = EngineInstance[K] extends (...args: infer A) => unknown ? A : never;

// ---- Sessions ---------------------------------------------------------------------------------------------------

/** Takes the tab's instances out of their rooms at once (a leave, as the others see it). */
function leaveRooms(cloud: EngineCloud, tab: Tab): void {
  for (const client of tab.clients) {
    const room = client.roomId ? cloud.rooms.get(client.roomId) : undefined;
    if (room && room.members.get(client.userId)?.client === client) rooms.evictMember(cloud, room, client.userId);
    client.roomId = null;
    client.evictedFrom = null;
  }
}

function endSession(cloud: EngineCloud, tab: Tab): void {
  if (tab.session) cloud.clock.clearTimeout(tab.session.timer);
  tab.session = null;
}

function kickOffLine(cloud: EngineCloud, tab: Tab): void {
  for (const client of tab.clients)
    cloud.emitRoom(client, 'onKickedOffLine', { message: 'the user logged in elsewhere' }, true);
  leaveRooms(cloud, tab);
  endSession(cloud, tab);
}

function expire(cloud: EngineCloud, tab: Tab, session: Session): void {
  if (tab.session !== session) return;
  for (const client of tab.clients) cloud.emitRoom(client, 'onUserSigExpired', undefined, true);
  session.expired = true;
  for (const client of tab.clients) cloud.linkLost(client);
}

function login(
  cloud: EngineCloud,
  tab: Tab,
  options: Parameters<EngineSdk['TUIRoomEngine']['login']>[0],
): Promise<void> {
  const userId = typeof options?.userId === 'string' ? options.userId : '';
  return cloud.request([], userId, { api: 'login', args: { sdkAppId: options?.sdkAppId, userId } }, () => {
    if (!userId || typeof options.sdkAppId !== 'number' || typeof options.userSig !== 'string')
      throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'sdkAppId, userId and userSig are required');
    if (options.sdkAppId !== cloud.sdkAppId)
      throw new EngineError(ENGINE_CODE.ERR_SDKAPPID_NOT_FOUND, 'no such SDKAppID');
    const sig = readUserSig(options.userSig);
    if (!sig) throw new EngineError(CHAT_CODE.USERSIG_INVALID, 'invalid UserSig');
    if (sig.sdkAppId !== options.sdkAppId)
      throw new EngineError(CHAT_CODE.USERSIG_SDKAPPID_MISMATCH, "the UserSig is another app's");
    if (sig.userId !== userId)
      throw new EngineError(CHAT_CODE.USERSIG_USERID_MISMATCH, "the UserSig is another user's");
    const now = cloud.clock.now();
    if (sig.expiresAt <= now) throw new EngineError(CHAT_CODE.USERSIG_EXPIRED, 'the UserSig has expired');
    const old = tab.session;
    if (old && old.userId !== userId) {
      leaveRooms(cloud, tab);
      endSession(cloud, tab);
    }
    for (const other of cloud.tabs) if (other !== tab && other.session?.userId === userId) kickOffLine(cloud, other);
    if (tab.session) cloud.clock.clearTimeout(tab.session.timer);
    const session: Session = { userId, expiresAt: sig.expiresAt, timer: null, expired: false };
    session.timer = cloud.clock.setTimeout(() => expire(cloud, tab, session), sig.expiresAt - now);
    tab.session = session;
    tab.userId = userId;
    cloud.ensureProfile(userId);
    if (old?.expired && old.userId === userId) for (const client of tab.clients) cloud.linkRestored(client);
  });
}

function logout(cloud: EngineCloud, tab: Tab): Promise<void> {
  return cloud.request([], tab.session ? tab.userId : '', { api: 'logout', args: {} }, () => {
    if (!tab.session) return;
    leaveRooms(cloud, tab);
    for (const client of tab.clients) {
      client.destroyed = true;
      client.inbox = [];
      client.deferred = [];
    }
    tab.clients.clear();
    endSession(cloud, tab);
  });
}

function setSelfInfo(cloud: EngineCloud, tab: Tab, options: { userName: string; avatarUrl: string }): Promise<void> {
  return cloud.request([...tab.clients], tab.session ? tab.userId : '', { api: 'setSelfInfo', args: options }, () => {
    if (!tab.session || tab.session.expired) throw new EngineError(ENGINE_CODE.ERR_SDK_NOT_INITIALIZED, 'log in first');
    if (typeof options?.userName !== 'string' || typeof options.avatarUrl !== 'string')
      throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'userName and avatarUrl');
    const profile = cloud.ensureProfile(tab.session.userId);
    profile.userName = options.userName;
    profile.avatarUrl = options.avatarUrl;
  });
}

/** `{ TUIRoomEngine }` for one tab. */
export function createEngineSdk(cloud: EngineCloud, tab: Tab): EngineSdk {
  class TUIRoomEngine extends EngineInstanceDouble {
    static login(options: { sdkAppId: number; userId: string; userSig: string }): Promise<void> {
      return login(cloud, tab, options);
    }
    static logout(): Promise<void> {
      return logout(cloud, tab);
    }
    static setSelfInfo(options: {
      userName: string;
      avatarUrl: string;
      customInfo?: Record<string, unknown>;
    }): Promise<void> {
      return setSelfInfo(cloud, tab, options);
    }
    static once(event: string, func: Listener): void {
      if (event === 'ready') queueMicrotask(() => func());
    }
    constructor(options?: { isSharedInstance?: boolean }) {
      super(cloud, tab, options);
    }
  }
  return { TUIRoomEngine } satisfies EngineSdk;
}

// ---- Engine instances -------------------------------------------------------------------------------------------

const chats = new WeakMap<Tab, ChatDouble>();

/** An engine instance. Beyond EngineInstance it shows what tests assert on: the local audio settings it was given. */
export class EngineInstanceDouble implements EngineInstance {
  readonly client: Client;
  private liveList: LiveListDouble | null = null;
  private gifts: GiftsDouble | null = null;

  constructor(
    private readonly cloud: EngineCloud,
    private readonly tab: Tab,
    _options?: { isSharedInstance?: boolean },
  ) {
    this.client = new Client(tab, cloud.newId('engine'));
    tab.clients.add(this.client);
  }

  /** Users whose audio this instance stopped playing (muteRemoteAudioStream). */
  get remoteAudioMuted(): ReadonlySet<string> {
    return this.client.remoteAudioMuted;
  }
  get playoutVolume(): number {
    return this.client.playoutVolume;
  }
  get speakerDeviceId(): string {
    return this.client.speakerDeviceId;
  }
  /** How many times an onAutoPlayFailed `resume()` was called. */
  get autoplayResumes(): number {
    return this.client.autoplayResumes;
  }

  /** One call into the cloud for this instance: needs a live session (else ERR_SDK_NOT_INITIALIZED). */
  call<T>(api: string, args: unknown, run: (client: Client) => T | Promise<T>): Promise<T> {
    const client = this.client;
    return this.cloud.request([client], this.tab.session ? this.tab.userId : '', { api, args }, () => {
      if (client.destroyed) throw new EngineError(ENGINE_CODE.ERR_SDK_NOT_INITIALIZED, 'the instance was destroyed');
      if (!this.tab.session || this.tab.session.expired)
        throw new EngineError(ENGINE_CODE.ERR_SDK_NOT_INITIALIZED, 'log in first');
      return run(client);
    });
  }

  fetchRoomInfo(...[o]: Args<'fetchRoomInfo'>) {
    return this.call('fetchRoomInfo', o, (c) => rooms.fetchRoomInfo(this.cloud, c, o));
  }
  updateRoomNameByAdmin(...[o]: Args<'updateRoomNameByAdmin'>) {
    return this.call('updateRoomNameByAdmin', o, (c) => rooms.updateRoomName(this.cloud, c, o?.roomName));
  }
  updateRoomSeatModeByAdmin(...[o]: Args<'updateRoomSeatModeByAdmin'>) {
    return this.call('updateRoomSeatModeByAdmin', o, (c) => rooms.updateSeatMode(this.cloud, c, o?.seatMode));
  }
  getUserList(...[o]: Args<'getUserList'>) {
    return this.call('getUserList', o, (c) => members.getUserList(this.cloud, c, o));
  }
  getUserInfo(...[o]: Args<'getUserInfo'>) {
    return this.call('getUserInfo', o, (c) => members.getUserInfo(this.cloud, c, o?.userId));
  }
  openLocalMicrophone() {
    return this.call('openLocalMicrophone', {}, (c) => members.setLocalAudio(this.cloud, c, { micOpen: true }));
  }
  closeLocalMicrophone() {
    return this.call('closeLocalMicrophone', {}, (c) => members.setLocalAudio(this.cloud, c, { micOpen: false }));
  }
  muteLocalAudio() {
    return this.call('muteLocalAudio', {}, (c) => members.setLocalAudio(this.cloud, c, { muted: true }));
  }
  unmuteLocalAudio() {
    return this.call('unmuteLocalAudio', {}, (c) => members.setLocalAudio(this.cloud, c, { muted: false }));
  }
  muteRemoteAudioStream(...[o]: Args<'muteRemoteAudioStream'>) {
    return this.call('muteRemoteAudioStream', o, (c) => {
      if (typeof o?.userId !== 'string') throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'userId');
      if (o.isMute) c.remoteAudioMuted.add(o.userId);
      else c.remoteAudioMuted.delete(o.userId);
    });
  }
  setAudioPlayoutVolume(...[o]: Args<'setAudioPlayoutVolume'>) {
    return this.call('setAudioPlayoutVolume', o, (c) => {
      if (!(o?.volume >= 0 && o.volume <= 150))
        throw new EngineError(ENGINE_CODE.ERR_INVALID_PARAMETER, 'volume: 0..150');
      c.playoutVolume = o.volume;
    });
  }
  setCurrentSpeakerDevice(...[o]: Args<'setCurrentSpeakerDevice'>) {
    return this.call('setCurrentSpeakerDevice', o, (c) => {
      c.speakerDeviceId = o?.deviceId ?? '';
    });
  }
  cancelRequest(...[o]: Args<'cancelRequest'>) {
    return this.call('cancelRequest', o, (c) => seats.cancelRequest(this.cloud, c, o));
  }
  responseRemoteRequest(...[o]: Args<'responseRemoteRequest'>) {
    return this.call('responseRemoteRequest', o, (c) => seats.responseRemoteRequest(this.cloud, c, o));
  }
  disableSendingMessageForAllUser(...[o]: Args<'disableSendingMessageForAllUser'>) {
    return this.call('disableSendingMessageForAllUser', o, (c) =>
      members.disableSendingMessageForAllUser(this.cloud, c, o?.isDisable),
    );
  }
  disableSendingMessageByAdmin(...[o]: Args<'disableSendingMessageByAdmin'>) {
    return this.call('disableSendingMessageByAdmin', o, (c) => members.disableSendingMessageByAdmin(this.cloud, c, o));
  }
  changeUserRole(...[o]: Args<'changeUserRole'>) {
    return this.call('changeUserRole', o, (c) => members.changeUserRole(this.cloud, c, o));
  }
  kickRemoteUserOutOfRoom(...[o]: Args<'kickRemoteUserOutOfRoom'>) {
    return this.call('kickRemoteUserOutOfRoom', o, (c) => members.kickRemoteUserOutOfRoom(this.cloud, c, o?.userId));
  }
  getSeatList() {
    return this.call('getSeatList', {}, (c) => seats.getSeatList(this.cloud, c));
  }
  takeSeat(...[o]: Args<'takeSeat'>) {
    return this.call('takeSeat', o, (c) => seats.takeSeat(this.cloud, c, o));
  }
  leaveSeat() {
    return this.call('leaveSeat', {}, (c) => seats.leaveSeat(this.cloud, c));
  }
  moveToSeat(...[o]: Args<'moveToSeat'>) {
    return this.call('moveToSeat', o, (c) => seats.moveToSeat(this.cloud, c, o));
  }
  moveUserToSeatByAdmin(...[o]: Args<'moveUserToSeatByAdmin'>) {
    return this.call('moveUserToSeatByAdmin', o, (c) => seats.moveUserToSeatByAdmin(this.cloud, c, o));
  }
  takeUserOnSeatByAdmin(...[o]: Args<'takeUserOnSeatByAdmin'>) {
    return this.call('takeUserOnSeatByAdmin', o, (c) => seats.takeUserOnSeatByAdmin(this.cloud, c, o));
  }
  kickUserOffSeatByAdmin(...[o]: Args<'kickUserOffSeatByAdmin'>) {
    return this.call('kickUserOffSeatByAdmin', o, (c) => seats.kickUserOffSeatByAdmin(this.cloud, c, o));
  }
  lockSeatByAdmin(...[o]: Args<'lockSeatByAdmin'>) {
    return this.call('lockSeatByAdmin', o, (c) => seats.lockSeatByAdmin(this.cloud, c, o));
  }
  getSeatApplicationList() {
    return this.call('getSeatApplicationList', {}, (c) => seats.getSeatApplicationList(this.cloud, c));
  }
  sendTextMessage(...[o]: Args<'sendTextMessage'>) {
    return this.call('sendTextMessage', o, (c) => {
      members.sendTextMessage(this.cloud, c, o);
    });
  }
  sendCustomMessage(...[o]: Args<'sendCustomMessage'>) {
    return this.call('sendCustomMessage', o, (c) => members.sendCustomMessage(this.cloud, c, o));
  }

  on(event: string, func: Listener): void {
    addListener(this.client.listeners.room, event, func);
  }
  off(event: string, func: Listener): void {
    this.client.listeners.room.get(event)?.delete(func);
  }

  /**
   * Ends the instance: no more events; it leaves its room at once (the owner too: the room stays). Offline, the
   * cloud cannot hear it, so the heartbeat removes it.
   */
  destroy(): void {
    const client = this.client;
    if (client.destroyed) return;
    const room = client.roomId ? this.cloud.rooms.get(client.roomId) : undefined;
    if (room && room.members.get(client.userId)?.client === client && this.cloud.linked(client))
      rooms.evictMember(this.cloud, room, client.userId);
    client.destroyed = true;
    client.inbox = [];
    client.deferred = [];
    this.tab.clients.delete(client);
  }

  getLiveListManager(): LiveListDouble {
    return (this.liveList ??= new LiveListDouble(this.cloud, this));
  }
  getLiveGiftManager(): GiftsDouble {
    return (this.gifts ??= new GiftsDouble(this.cloud, this));
  }
  /** The tab's Chat instance (one per tab, like the engine's shared Chat). */
  getTIM(): ChatDouble {
    let chat = chats.get(this.tab);
    if (!chat) chats.set(this.tab, (chat = new ChatDouble(this.cloud, this.tab)));
    return chat;
  }
}

function addListener(map: Map<string, Set<Listener>>, event: string, func: Listener): void {
  let set = map.get(event);
  if (!set) map.set(event, (set = new Set()));
  set.add(func);
}

// ---- Managers ---------------------------------------------------------------------------------------------------

type ListArgs<K extends keyof EngineLiveList> = EngineLiveList[K] extends (...args: infer A) => unknown ? A : never;

export class LiveListDouble implements EngineLiveList {
  constructor(
    private readonly cloud: EngineCloud,
    private readonly engine: EngineInstanceDouble,
  ) {}
  startLive(liveInfo: StartLiveOptions | TUILiveInfo) {
    return this.engine.call('startLive', liveInfo, (c) => rooms.startLive(this.cloud, c, liveInfo));
  }
  stopLive() {
    return this.engine.call('stopLive', {}, (c) => rooms.stopLive(this.cloud, c));
  }
  joinLive(roomId: string) {
    return this.engine.call('joinLive', { roomId }, (c) => rooms.joinLive(this.cloud, c, roomId));
  }
  leaveLive() {
    return this.engine.call('leaveLive', {}, (c) => rooms.leaveLive(this.cloud, c));
  }
  getLiveInfo(...[o]: ListArgs<'getLiveInfo'>) {
    return this.engine.call('getLiveInfo', o, () => rooms.getLiveInfo(this.cloud, o?.roomId));
  }
  setLiveInfo(...[o]: ListArgs<'setLiveInfo'>) {
    return this.engine.call('setLiveInfo', o, (c) => rooms.setLiveInfo(this.cloud, c, o));
  }
  fetchLiveList(...[o]: ListArgs<'fetchLiveList'>) {
    return this.engine.call('fetchLiveList', o, () => rooms.fetchLiveList(this.cloud, o));
  }
  on(event: string, func: Listener): void {
    addListener(this.engine.client.listeners.live, event, func);
  }
  off(event: string, func: Listener): void {
    this.engine.client.listeners.live.get(event)?.delete(func);
  }
}

type GiftArgs<K extends keyof EngineGifts> = EngineGifts[K] extends (...args: infer A) => unknown ? A : never;

export class GiftsDouble implements EngineGifts {
  constructor(
    private readonly cloud: EngineCloud,
    private readonly engine: EngineInstanceDouble,
  ) {}
  getGiftList(...[o]: GiftArgs<'getGiftList'>) {
    return this.engine.call('getGiftList', o, () => members.getGiftList(this.cloud, o?.roomId));
  }
  sendGift(...[o]: GiftArgs<'sendGift'>) {
    return this.engine.call('sendGift', o, (c) => members.sendGift(this.cloud, c, o));
  }
  sendLikes(...[o]: GiftArgs<'sendLikes'>) {
    return this.engine.call('sendLikes', o, (c) => members.sendLikes(this.cloud, c, o));
  }
  getGiftCountByAnchor(...[o]: GiftArgs<'getGiftCountByAnchor'>) {
    return this.engine.call('getGiftCountByAnchor', o, () => members.getGiftCountByAnchor(this.cloud, o?.roomId));
  }
  getLikesCount(...[o]: GiftArgs<'getLikesCount'>) {
    return this.engine.call('getLikesCount', o, () => members.getLikesCount(this.cloud, o?.roomId));
  }
  on(event: string, func: Listener): void {
    addListener(this.engine.client.listeners.gift, event, func);
  }
  off(event: string, func: Listener): void {
    this.engine.client.listeners.gift.get(event)?.delete(func);
  }
}

// ---- The Chat slice ---------------------------------------------------------------------------------------------

/**
 * The engine's Chat instance, as far as the backend uses it. Answers have Chat's shape `{ code: 0, data }` as built by
 * @tencentcloud/chat 3.5.9 (follow-module.js, group-module.js); failures reject with ChatError (Chat's codes).
 * Note getUserFollowInfo: the SDK keeps only the three counts of each entry (no userID; entries follow the order
 * of the IDs asked for), and with no IDs it answers for the signed-in user.
 */
export class ChatDouble implements EngineChat {
  constructor(
    private readonly cloud: EngineCloud,
    private readonly tab: Tab,
  ) {}

  private call<T>(api: string, args: unknown, run: (me: string) => T): Promise<T> {
    return this.cloud.request([...this.tab.clients], this.tab.session ? this.tab.userId : '', { api, args }, () => {
      if (!this.tab.session || this.tab.session.expired)
        throw new ChatError(CHAT_CODE.SDK_NOT_READY, 'the SDK is not ready: log in first');
      return run(this.tab.session.userId);
    });
  }

  private following(userId: string): Set<string> {
    let set = this.cloud.follows.get(userId);
    if (!set) this.cloud.follows.set(userId, (set = new Set()));
    return set;
  }

  followUser(userIDList: string[]) {
    return this.call('followUser', userIDList, (me) => {
      for (const id of userIDList) this.following(me).add(id);
      return { code: 0, data: userIDList.map((userID) => ({ userID, resultCode: 0, resultInfo: '' })) };
    });
  }

  unfollowUser(userIDList: string[]) {
    return this.call('unfollowUser', userIDList, (me) => {
      for (const id of userIDList) this.following(me).delete(id);
      return { code: 0, data: userIDList.map((userID) => ({ userID, resultCode: 0, resultInfo: '' })) };
    });
  }

  getUserFollowInfo(userIDList?: string[]) {
    return this.call('getUserFollowInfo', userIDList, (me) => {
      const ids = userIDList && userIDList.length > 0 ? userIDList : [me];
      return {
        code: 0,
        data: ids.map((id) => {
          const following = this.cloud.follows.get(id) ?? new Set<string>();
          const followers = [...this.cloud.follows].filter(([, set]) => set.has(id)).map(([follower]) => follower);
          return {
            followersCount: followers.length,
            followingCount: following.size,
            mutualFollowersCount: followers.filter((f) => following.has(f)).length,
          };
        }),
      };
    });
  }

  checkFollowType(userIDList: string[]) {
    return this.call('checkFollowType', userIDList, (me) => ({
      code: 0,
      data: userIDList.slice(0, 100).map((userID) => {
        const followsMe = this.cloud.follows.get(userID)?.has(me) ?? false;
        const iFollow = this.cloud.follows.get(me)?.has(userID) ?? false;
        const followType =
          followsMe && iFollow
            ? FOLLOW_TYPE.IN_BOTH
            : iFollow
              ? FOLLOW_TYPE.IN_MY_FOLLOWING_LIST
              : followsMe
                ? FOLLOW_TYPE.IN_MY_FOLLOWERS_LIST
                : FOLLOW_TYPE.NONE;
        return { userID, followType };
      }),
    }));
  }

  /** Chat Profile objects of the users the cloud knows (unknown IDs are left out). */
  getUserProfile(options: { userIDList: string[] }) {
    return this.call('getUserProfile', options, () => ({
      code: 0,
      data: (options?.userIDList ?? [])
        .filter((id) => this.cloud.profiles.has(id))
        .map((userID) => {
          const p = this.cloud.profile(userID);
          return {
            userID,
            nick: p.userName,
            gender: 'Gender_Type_Unknown',
            birthday: 0,
            location: '',
            selfSignature: '',
            allowType: 'AllowType_Type_NeedConfirm',
            language: 0,
            avatar: p.avatarUrl,
            messageSettings: 0,
            adminForbidType: 'AdminForbid_Type_None',
            level: 0,
            role: 0,
            lastUpdatedTime: 0,
            profileCustomField: [],
          };
        }),
    }));
  }

  setGroupMemberMuteTime(options: { groupID: string; userID: string; muteTime: number }) {
    return this.call('setGroupMemberMuteTime', options, (me) => members.chatSetMuteTime(this.cloud, me, options));
  }

  /**
   * Chat's Message as createTextMessage builds it, with the fields the cloud and the backend read (the real object
   * has many more, all filled by the SDK; the cast covers them).
   */
  createTextMessage(options: Parameters<EngineChat['createTextMessage']>[0]): ChatMessage {
    return {
      ID: this.cloud.newId('msg'),
      to: options.to,
      conversationType: options.conversationType,
      type: 'TIMTextElem',
      payload: { text: options.payload?.text },
      cloudCustomData: options.cloudCustomData ?? '',
      sequence: 0,
      time: 0,
    } as unknown as ChatMessage;
  }

  /**
   * A text message to a group is the room's text message: the same delivery as the engine's sendTextMessage (the
   * engine's is a Chat group text message too), and the answer is Chat's `{ code: 0, data: { message } }` with the
   * group sequence and the server time (s) filled in.
   */
  sendMessage(message: ChatMessage) {
    return this.call('sendMessage', message, () => {
      const m = message as unknown as { to: string; conversationType: string; payload: { text?: unknown } };
      if (m.conversationType !== 'GROUP' || typeof m.payload?.text !== 'string')
        throw new ChatError(CHAT_CODE.INVALID_PARAMETERS, 'the double sends group text messages only');
      const client = [...this.tab.clients].find((c) => c.roomId === m.to);
      if (!client) throw new ChatError(CHAT_CODE.CANNOT_FIND_GROUP, 'not a member of this group');
      const { sequence, timestampInSecond } = members.sendTextMessage(this.cloud, client, {
        textContent: m.payload.text,
        extensionInfo: {},
      });
      return { code: 0, data: { message: { ...(message as object), sequence, time: timestampInSecond } } };
    });
  }

  deleteGroupMember(options: { groupID: string; userIDList: string[]; reason?: string; duration?: number }) {
    return this.call('deleteGroupMember', options, (me) => members.chatDeleteMembers(this.cloud, me, options));
  }
}
