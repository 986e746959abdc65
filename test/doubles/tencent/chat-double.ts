// A test double of @tencentcloud/chat v3 (slim build + group and follow modules), written from the SDK's typings
// (node_modules/@tencentcloud/chat/index.d.ts) and documentation, not from the adapter:
// - one shared in-memory "cloud" per test: groups, their attributes and members are the same for every instance;
// - login checks the SDKAppID and the UserSig, SDK_READY fires after login, APIs before it fail (6014);
// - a second login of the same user kicks the first instance (KICKED_OUT multipleAccount: no multi-instance login);
// - a UserSig that expires while online kicks with userSigExpired;
// - messages reach the other online members of the group (or the C2C peer), never the sender's own instance;
// - AVChatRoom: the creator must join after createGroup; membership is online-only (a lost connection quits, with a
//   GRP_TIP_MBR_QUIT tip to the others; reconnecting rejoins); group attributes only here (else 2641), only after
//   joining (2642), ≤ 16 keys (10047) of ≤ 32 bytes (10045), values ≤ 4,000 bytes (10046), ≤ 16 KB in all (10048),
//   ≤ 10 writes per 5 s per user in the SDK (8511); GROUP_ATTRIBUTES_UPDATED to the other members;
// - getGroupOnlineMemberCount at most once per 5 s per instance for an AVChatRoom (faster calls fail, RATE_LIMIT_CODE);
//   an AVChatRoom's getGroupMemberList holds only the 31 newest members; quit tips can be lost (disconnect tip:false);
// - muted members (setGroupMemberMuteTime, muteAllMembers except owner/admins) cannot send: 10017;
// - messages over 12 KB fail with 80002; group IDs taken: 10021 (by others) / 10025 (by me); missing groups 10010.
// - signalling (only with 'signaling-module'; the 3.x module's behaviour read from its docs and build): invite()
//   rides on a C2C custom message (businessID 1, also seen in MESSAGE_RECEIVED) and resolves with the IM response
//   plus a top-level inviteID; invite info lives per SDK instance (the inviter's, and the invitee instances online
//   when it arrived); accept/reject need it on the invitee's instance (else 8010), cancel on the inviter's (else
//   8020), a non-invitee answering gets 8011; each step reaches the other side as an event (`event.data`:
//   inviteID, inviter, groupID, data, invitee/inviteeList) and ends the invitation everywhere; `timeout` seconds
//   (0 = none) after the invite, both sides get INVITATION_TIMEOUT. Offline invitees are not reached (the adapter
//   always sends onlineUserOnly; the history replay of offline invitations is not modelled).
import type { Clock } from '../../../src/model/clock.js';

export const CHAT_EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  MY_FOLLOWERS_LIST_UPDATED: 'onMyFollowersListUpdated',
  ERROR: 'error',
} as const;

export const CHAT_TYPES = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_PUBLIC: 'Public',
  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',
  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
} as const;

export const CHAT_SIGNALING = {
  NEW_INVITATION_RECEIVED: 'newInvitationReceived',
  INVITEE_ACCEPTED: 'ts_invitee_accepted',
  INVITEE_REJECTED: 'ts_invitee_rejected',
  INVITATION_CANCELLED: 'ts_invitation_cancelled',
  INVITATION_TIMEOUT: 'ts_invitation_timeout',
  INVITATION_MODIFIED: 'ts_invitation_modified',
  ACTION_TYPE_UNKNOWN: 0,
  ACTION_TYPE_INVITE: 1,
  ACTION_TYPE_CANCEL_INVITE: 2,
  ACTION_TYPE_ACCEPT_INVITE: 3,
  ACTION_TYPE_REJECT_INVITE: 4,
  ACTION_TYPE_INVITE_TIMEOUT: 5,
} as const;
/** Signalling error codes of the 3.x module: no such invitation here (accept/reject), not an invitee, cancel refused. */
export const SIGNALING_CODE = { INVALID_INVITATION: 8010, NOT_INVITEE: 8011, CANCEL_REFUSED: 8020 } as const;

interface Invitation {
  readonly inviteID: string; readonly inviter: string; readonly invitee: string; readonly data: string; readonly timeout: number;
  /** SDK instances that hold the invitation's info (the inviter's, the invitee's that received it). */
  readonly holders: Set<ChatInstance>;
  timer: unknown;
}

/** Group system notice operation types (Chat docs): 4 kicked out of the group, 5 group dismissed. */
export const SYS_NOTICE = { KICKED: 4, DISMISSED: 5 } as const;
/** The double's code for getGroupOnlineMemberCount called more often than every 5 s (the docs give no number). */
export const RATE_LIMIT_CODE = 2996;

type SignalingResponse = { code: number; data: { message: { ID: string } }; inviteID: string };

export class ChatDoubleError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}
const fail = (code: number, message: string) => Promise.reject(new ChatDoubleError(code, message));

interface GroupMember { userID: string; role: string; joinTime: number; muteUntil: number }
interface Group {
  groupID: string; type: string; name: string; ownerID: string; muteAllMembers: boolean;
  members: Map<string, GroupMember>; attributes: Map<string, string>;
}
type Handler = (event: { name: string; data: unknown }) => void;

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** A signature the double accepts: `sig:<sdkAppId>:<userId>:<expiresAt ms>` (stands in for TLS-Sig). */
export function doubleUserSig(sdkAppId: number, userId: string, expiresAt: number): string {
  return `sig:${sdkAppId}:${userId}:${expiresAt}`;
}

export class ChatCloud {
  readonly groups = new Map<string, Group>();
  readonly instances = new Set<ChatInstance>();
  readonly profiles = new Map<string, { userID: string; nick: string; avatar: string; level: number }>();
  readonly follows = new Map<string, Set<string>>();
  /** Every API call, for assertions (`createGroup`, `setGroupAttributes`, …). */
  readonly calls: { user: string; api: string; args: unknown }[] = [];
  readonly invitations = new Map<string, Invitation>();
  private messageSeq = 0;

  constructor(readonly clock: Clock, readonly sdkAppId = 1400000001) {}

  /** Checks a UserSig like the cloud would: 0 = fine, else an account error code. */
  verify(sdkAppId: number, userId: string, userSig: string): number {
    if (sdkAppId !== this.sdkAppId) return -8;
    const [tag, app, user, expires] = userSig.split(':');
    if (tag !== 'sig' || Number(app) !== sdkAppId) return 70003;
    if (user !== userId) return 70013;
    if (Number(expires) <= this.clock.now()) return 70001;
    return 0;
  }

  online(userID: string): ChatInstance[] {
    return [...this.instances].filter((i) => i.userID === userID && i.ready && i.connected);
  }

  nextSeq(): number {
    return ++this.messageSeq;
  }

  /** Delivers asynchronously, in call order (one FIFO), like a network that keeps order per connection. */
  deliver(to: ChatInstance, name: string, data: unknown): void {
    queueMicrotask(() => {
      if (to.connected && (to.ready || name === CHAT_EVENT.SDK_READY || name === CHAT_EVENT.KICKED_OUT || name === CHAT_EVENT.NET_STATE_CHANGE)) to.emit(name, data);
    });
  }

  /** Online members of a group other than `except`. */
  groupInstances(groupID: string, except?: ChatInstance): ChatInstance[] {
    const group = this.groups.get(groupID);
    if (!group) return [];
    return [...this.instances].filter((i) => i !== except && i.ready && i.connected && i.joined.has(groupID) && group.members.has(i.userID));
  }

  tip(groupID: string, operationType: number, userIDList: string[], except?: ChatInstance): void {
    for (const to of this.groupInstances(groupID, except)) {
      this.deliver(to, CHAT_EVENT.MESSAGE_RECEIVED, [this.message({ type: CHAT_TYPES.MSG_GRP_TIP, to: groupID, from: '@TIM#SYSTEM', conversationType: CHAT_TYPES.CONV_GROUP, payload: { operationType, userIDList, groupID } })]);
    }
  }

  notice(to: ChatInstance, groupID: string, operationType: number): void {
    this.deliver(to, CHAT_EVENT.MESSAGE_RECEIVED, [this.message({ type: CHAT_TYPES.MSG_GRP_SYS_NOTICE, to: to.userID, from: '@TIM#SYSTEM', conversationType: '@TIM#SYSTEM', payload: { operationType, groupID } })]);
  }

  message(m: { type: string; to: string; from: string; conversationType: string; payload: Record<string, unknown>; cloudCustomData?: string; priority?: string }) {
    const profile = this.profiles.get(m.from);
    return {
      ID: `msg-${this.nextSeq()}`, type: m.type, payload: m.payload, conversationType: m.conversationType, to: m.to, from: m.from,
      nick: profile?.nick ?? '', avatar: profile?.avatar ?? '', time: Math.floor(this.clock.now() / 1000), cloudCustomData: m.cloudCustomData ?? '',
      priority: m.priority ?? CHAT_TYPES.MSG_PRIORITY_NORMAL, status: 'unSend', flow: 'out',
    };
  }

  /**
   * The connection of one instance drops (no goodbye): AVChatRoom membership is online-only. `tip: false` is a busy
   * room where Chat drops the quit tip (AVChatRoom member notifications are best effort).
   */
  disconnect(instance: ChatInstance, { tip = true }: { tip?: boolean } = {}): void {
    if (!instance.connected) return;
    instance.emit(CHAT_EVENT.NET_STATE_CHANGE, { state: CHAT_TYPES.NET_STATE_DISCONNECTED });
    instance.connected = false;
    for (const groupID of instance.joined) {
      const group = this.groups.get(groupID);
      if (!group || this.online(instance.userID).some((i) => i.joined.has(groupID))) continue;
      group.members.delete(instance.userID);
      if (tip) this.tip(groupID, CHAT_TYPES.GRP_TIP_MBR_QUIT, [instance.userID]);
    }
  }

  /** The connection comes back; the SDK rejoins its AVChatRoom groups by itself. */
  reconnect(instance: ChatInstance): void {
    if (instance.connected) return;
    instance.connected = true;
    for (const groupID of [...instance.joined]) {
      const group = this.groups.get(groupID);
      if (!group) {
        instance.joined.delete(groupID);
        continue;
      }
      if (!group.members.has(instance.userID)) {
        group.members.set(instance.userID, { userID: instance.userID, role: group.ownerID === instance.userID ? CHAT_TYPES.GRP_MBR_ROLE_OWNER : CHAT_TYPES.GRP_MBR_ROLE_MEMBER, joinTime: this.clock.now(), muteUntil: 0 });
        this.tip(groupID, CHAT_TYPES.GRP_TIP_MBR_JOIN, [instance.userID], instance);
      }
    }
    instance.emit(CHAT_EVENT.NET_STATE_CHANGE, { state: CHAT_TYPES.NET_STATE_CONNECTED });
  }

  /** A factory shaped like `TencentCloudChat` of the ESM build; `modules` decides which plugin APIs exist. */
  factory() {
    return { create: (options: { SDKAppID: number; modules?: Record<string, unknown> }) => new ChatInstance(this, options), EVENT: CHAT_EVENT, TYPES: CHAT_TYPES, TSignaling: CHAT_SIGNALING };
  }
}

export class ChatInstance {
  userID = '';
  ready = false;
  connected = true;
  readonly joined = new Set<string>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly signalHandlers = new Map<string, Set<Handler>>();
  private attributeWrites: number[] = [];
  private onlineCountAt = Number.NEGATIVE_INFINITY;
  private expiryTimer: unknown = null;
  followUser?: (userIDList: string[]) => Promise<{ data: unknown }>;
  unfollowUser?: (userIDList: string[]) => Promise<{ data: unknown }>;
  getUserFollowInfo?: (userIDList?: string[]) => Promise<{ data: { userID: string; followersCount: number; followingCount: number; mutualFollowersCount: number }[] }>;
  checkFollowType?: (userIDList: string[]) => Promise<{ data: { userID: string; followType: number }[] }>;
  addSignalingListener?: (name: string, handler: Handler) => void;
  removeSignalingListener?: (name: string, handler: Handler) => void;
  invite?: (options: { userID: string; data?: string; timeout?: number; onlineUserOnly?: boolean }) => Promise<SignalingResponse>;
  cancel?: (options: { inviteID: string; data?: string }) => Promise<SignalingResponse>;
  accept?: (options: { inviteID: string; data?: string }) => Promise<SignalingResponse>;
  reject?: (options: { inviteID: string; data?: string }) => Promise<SignalingResponse>;

  constructor(private readonly cloud: ChatCloud, private readonly options: { SDKAppID: number; modules?: Record<string, unknown> }) {
    cloud.instances.add(this);
    if (options.modules?.['follow-module']) {
      this.followUser = (ids) => this.follow(ids, true);
      this.unfollowUser = (ids) => this.follow(ids, false);
      this.getUserFollowInfo = (ids) => this.guard('getUserFollowInfo', ids, () => ({
        data: (ids ?? [this.userID]).map((userID) => {
          const following = cloud.follows.get(userID) ?? new Set<string>();
          const followers = [...cloud.follows].filter(([, set]) => set.has(userID)).map(([id]) => id);
          return { userID, followersCount: followers.length, followingCount: following.size, mutualFollowersCount: followers.filter((f) => following.has(f)).length };
        }),
      }));
      this.checkFollowType = (ids) => this.guard('checkFollowType', ids, () => ({
        data: ids.map((userID) => {
          const theyFollowMe = cloud.follows.get(userID)?.has(this.userID) ? 1 : 0;
          const iFollowThem = cloud.follows.get(this.userID)?.has(userID) ? 2 : 0;
          return { userID, followType: theyFollowMe | iFollowThem };
        }),
      }));
    }
    if (options.modules?.['signaling-module']) {
      this.addSignalingListener = (name, handler) => {
        if (!this.signalHandlers.has(name)) this.signalHandlers.set(name, new Set());
        this.signalHandlers.get(name)!.add(handler);
      };
      this.removeSignalingListener = (name, handler) => void this.signalHandlers.get(name)?.delete(handler);
      this.invite = (o) => this.signalInvite(o);
      this.cancel = (o) => this.signalStep('cancel', o);
      this.accept = (o) => this.signalStep('accept', o);
      this.reject = (o) => this.signalStep('reject', o);
    }
  }

  emitSignal(name: string, data: unknown): void {
    for (const h of [...(this.signalHandlers.get(name) ?? [])]) h({ name, data });
  }

  /** Delivers a signalling step: its C2C custom message, then (async, in order) the signalling event. */
  private signal(to: ChatInstance, name: string, actionType: number, invitation: Invitation, data: string, extra: Record<string, unknown>): void {
    const body = JSON.stringify({ businessID: 1, inviteID: invitation.inviteID, inviter: invitation.inviter, actionType, inviteeList: [invitation.invitee], data, timeout: invitation.timeout, groupID: '' });
    this.cloud.deliver(to, CHAT_EVENT.MESSAGE_RECEIVED, [{ ...this.cloud.message({ type: CHAT_TYPES.MSG_CUSTOM, to: to.userID, from: this.userID, conversationType: CHAT_TYPES.CONV_C2C, payload: { data: body, description: '', extension: '' } }), flow: 'in', status: 'success' }]);
    queueMicrotask(() => {
      if (to.connected && to.ready) to.emitSignal(name, { inviteID: invitation.inviteID, inviter: invitation.inviter, groupID: '', data, ...extra });
    });
  }

  private signalInvite(options: { userID: string; data?: string; timeout?: number; onlineUserOnly?: boolean }) {
    return this.guard('invite', options, () => {
      if (typeof options.userID !== 'string' || !options.userID) throw new ChatDoubleError(8011, 'invite: userID is required');
      const cloud = this.cloud;
      const inviteID = `invite-${cloud.nextSeq()}`;
      const timeout = Math.max(0, Number(options.timeout ?? 30));
      const invitation: Invitation = { inviteID, inviter: this.userID, invitee: options.userID, data: options.data ?? '', timeout, holders: new Set([this]), timer: null };
      cloud.invitations.set(inviteID, invitation);
      for (const to of cloud.online(options.userID)) {
        if (to === this) continue;
        invitation.holders.add(to);
        this.signal(to, CHAT_SIGNALING.NEW_INVITATION_RECEIVED, CHAT_SIGNALING.ACTION_TYPE_INVITE, invitation, invitation.data, { inviteeList: [invitation.invitee] });
      }
      if (timeout > 0) {
        invitation.timer = cloud.clock.setTimeout(() => {
          if (cloud.invitations.get(inviteID) !== invitation) return;
          cloud.invitations.delete(inviteID);
          // Each side's SDK runs the same timer and reports its own timeout.
          for (const holder of invitation.holders) {
            queueMicrotask(() => {
              if (holder.connected && holder.ready) holder.emitSignal(CHAT_SIGNALING.INVITATION_TIMEOUT, { inviteID, inviter: invitation.inviter, groupID: '', inviteeList: [invitation.invitee], isSelfTimeout: true });
            });
          }
        }, timeout * 1000);
      }
      return { code: 0, data: { message: { ID: `msg-${cloud.nextSeq()}` } }, inviteID };
    });
  }

  private signalStep(step: 'cancel' | 'accept' | 'reject', options: { inviteID: string; data?: string }) {
    return this.guard(step, options, () => {
      const cloud = this.cloud;
      const invitation = cloud.invitations.get(options.inviteID);
      if (!invitation || !invitation.holders.has(this)) throw new ChatDoubleError(step === 'cancel' ? SIGNALING_CODE.CANCEL_REFUSED : SIGNALING_CODE.INVALID_INVITATION, `${step}: no such invitation on this instance`);
      if (step === 'cancel' ? invitation.inviter !== this.userID : invitation.invitee !== this.userID) throw new ChatDoubleError(SIGNALING_CODE.NOT_INVITEE, `${step}: not the ${step === 'cancel' ? 'inviter' : 'invitee'}`);
      cloud.invitations.delete(invitation.inviteID);
      if (invitation.timer !== null) cloud.clock.clearTimeout(invitation.timer);
      const data = options.data ?? '';
      for (const to of invitation.holders) {
        if (to === this || to.userID === this.userID) continue;
        if (step === 'cancel') this.signal(to, CHAT_SIGNALING.INVITATION_CANCELLED, CHAT_SIGNALING.ACTION_TYPE_CANCEL_INVITE, invitation, data, {});
        else this.signal(to, step === 'accept' ? CHAT_SIGNALING.INVITEE_ACCEPTED : CHAT_SIGNALING.INVITEE_REJECTED, step === 'accept' ? CHAT_SIGNALING.ACTION_TYPE_ACCEPT_INVITE : CHAT_SIGNALING.ACTION_TYPE_REJECT_INVITE, invitation, data, { invitee: this.userID });
      }
      return { code: 0, data: { message: { ID: `msg-${cloud.nextSeq()}` } }, inviteID: invitation.inviteID };
    });
  }

  emit(name: string, data: unknown): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) h({ name, data });
  }

  on(name: string, handler: Handler): void {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)!.add(handler);
  }

  off(name: string, handler: Handler): void {
    this.handlers.get(name)?.delete(handler);
  }

  isReady(): boolean {
    return this.ready;
  }

  async login({ userID, userSig }: { userID: string; userSig: string }) {
    this.cloud.calls.push({ user: userID, api: 'login', args: { userID } });
    const code = this.cloud.verify(this.options.SDKAppID, userID, userSig);
    if (code !== 0) return fail(code, `login failed (${code})`);
    // No multi-instance login: the earlier instance of the same user is kicked.
    for (const other of this.cloud.online(userID)) if (other !== this) other.kick(CHAT_TYPES.KICKED_OUT_MULT_ACCOUNT);
    this.userID = userID;
    this.connected = true;
    this.ready = true;
    if (!this.cloud.profiles.has(userID)) this.cloud.profiles.set(userID, { userID, nick: '', avatar: '', level: 0 });
    const expires = Number(userSig.split(':')[3]);
    if (this.expiryTimer !== null) this.cloud.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = this.cloud.clock.setTimeout(() => this.kick(CHAT_TYPES.KICKED_OUT_USERSIG_EXPIRED), Math.max(0, expires - this.cloud.clock.now()));
    this.cloud.deliver(this, CHAT_EVENT.SDK_READY, null);
    return { data: { repeatLogin: false } };
  }

  kick(type: string): void {
    if (!this.ready) return;
    this.ready = false;
    this.leaveAll();
    this.emit(CHAT_EVENT.KICKED_OUT, { type });
    this.emit(CHAT_EVENT.SDK_NOT_READY, null);
  }

  private leaveAll(): void {
    for (const groupID of this.joined) {
      const group = this.cloud.groups.get(groupID);
      if (group?.members.delete(this.userID)) this.cloud.tip(groupID, CHAT_TYPES.GRP_TIP_MBR_QUIT, [this.userID], this);
    }
    this.joined.clear();
  }

  async logout() {
    this.leaveAll();
    this.ready = false;
    this.emit(CHAT_EVENT.SDK_NOT_READY, null);
    return { data: {} };
  }

  async destroy() {
    if (this.ready) await this.logout();
    if (this.expiryTimer !== null) this.cloud.clock.clearTimeout(this.expiryTimer);
    this.cloud.instances.delete(this);
    return { data: {} };
  }

  private guard<T>(api: string, args: unknown, run: () => T | Promise<T>): Promise<T> {
    this.cloud.calls.push({ user: this.userID, api, args });
    if (!this.ready) return fail(6014, 'SDK not ready: log in and wait for SDK_READY');
    if (!this.connected) return fail(2800, 'network unavailable');
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private group(groupID: string): Group {
    const group = this.cloud.groups.get(groupID);
    if (!group) throw new ChatDoubleError(10010, 'group does not exist or was dismissed');
    return group;
  }

  private requireGroupModule(): void {
    if (!this.options.modules?.['group-module']) throw new ChatDoubleError(2000, 'group-module is not registered');
  }

  private role(group: Group, userID: string): string | undefined {
    return group.members.get(userID)?.role;
  }

  private isManager(group: Group, userID: string): boolean {
    const role = this.role(group, userID);
    return role === CHAT_TYPES.GRP_MBR_ROLE_OWNER || role === CHAT_TYPES.GRP_MBR_ROLE_ADMIN || group.ownerID === userID;
  }

  updateMyProfile(options: { nick?: string; avatar?: string }) {
    return this.guard('updateMyProfile', options, () => {
      const p = this.cloud.profiles.get(this.userID)!;
      this.cloud.profiles.set(this.userID, { ...p, ...(options.nick !== undefined ? { nick: options.nick } : {}), ...(options.avatar !== undefined ? { avatar: options.avatar } : {}) });
      return { data: this.cloud.profiles.get(this.userID) };
    });
  }

  getUserProfile({ userIDList }: { userIDList: string[] }) {
    return this.guard('getUserProfile', userIDList, () => ({ data: userIDList.map((id) => this.cloud.profiles.get(id)).filter((p) => !!p) as { userID: string; nick: string; avatar: string; level: number }[] }));
  }

  createGroup(options: { name: string; type: string; groupID?: string }) {
    return this.guard('createGroup', options, () => {
      this.requireGroupModule();
      const groupID = options.groupID ?? `@TGS#${this.cloud.nextSeq()}`;
      if (options.groupID?.startsWith('@TGS#') || bytes(groupID) > 48) throw new ChatDoubleError(10015, 'invalid group ID');
      if (bytes(options.name ?? '') > 30 || !options.name) throw new ChatDoubleError(10004, 'group name: 1..30 bytes');
      const existing = this.cloud.groups.get(groupID);
      if (existing) throw existing.ownerID === this.userID ? new ChatDoubleError(10025, 'group ID already used by you') : new ChatDoubleError(10021, 'group ID used by someone else');
      const group: Group = { groupID, type: options.type, name: options.name, ownerID: this.userID, muteAllMembers: false, members: new Map(), attributes: new Map() };
      // Other group types start with the creator as a member; an AVChatRoom's creator must call joinGroup.
      if (options.type !== CHAT_TYPES.GRP_AVCHATROOM) {
        group.members.set(this.userID, { userID: this.userID, role: CHAT_TYPES.GRP_MBR_ROLE_OWNER, joinTime: this.cloud.clock.now(), muteUntil: 0 });
        this.joined.add(groupID);
      }
      this.cloud.groups.set(groupID, group);
      return { data: { group: this.profileOf(group) } };
    });
  }

  private profileOf(group: Group) {
    return { groupID: group.groupID, type: group.type, name: group.name, ownerID: group.ownerID, memberCount: group.members.size, muteAllMembers: group.muteAllMembers };
  }

  joinGroup(options: { groupID: string; type?: string }) {
    return this.guard('joinGroup', options, () => {
      this.requireGroupModule();
      const group = this.group(options.groupID);
      if (group.members.has(this.userID) && this.joined.has(group.groupID)) return { data: { status: CHAT_TYPES.JOIN_STATUS_ALREADY_IN_GROUP, group: this.profileOf(group) } };
      group.members.set(this.userID, { userID: this.userID, role: group.ownerID === this.userID ? CHAT_TYPES.GRP_MBR_ROLE_OWNER : CHAT_TYPES.GRP_MBR_ROLE_MEMBER, joinTime: this.cloud.clock.now(), muteUntil: 0 });
      this.joined.add(group.groupID);
      this.cloud.tip(group.groupID, CHAT_TYPES.GRP_TIP_MBR_JOIN, [this.userID], this);
      return { data: { status: CHAT_TYPES.JOIN_STATUS_SUCCESS, group: this.profileOf(group) } };
    });
  }

  quitGroup(groupID: string) {
    return this.guard('quitGroup', groupID, () => {
      const group = this.group(groupID);
      this.joined.delete(groupID);
      if (group.members.delete(this.userID)) this.cloud.tip(groupID, CHAT_TYPES.GRP_TIP_MBR_QUIT, [this.userID], this);
      return { data: { groupID } };
    });
  }

  dismissGroup(groupID: string) {
    return this.guard('dismissGroup', groupID, () => {
      const group = this.group(groupID);
      if (group.ownerID !== this.userID) throw new ChatDoubleError(10007, 'only the owner can dismiss the group');
      for (const to of this.cloud.groupInstances(groupID, this)) this.cloud.notice(to, groupID, SYS_NOTICE.DISMISSED);
      for (const i of this.cloud.instances) i.joined.delete(groupID);
      this.cloud.groups.delete(groupID);
      return { data: { groupID } };
    });
  }

  getGroupProfile({ groupID }: { groupID: string }) {
    return this.guard('getGroupProfile', groupID, () => ({ data: { group: this.profileOf(this.group(groupID)) } }));
  }

  updateGroupProfile(options: { groupID: string; name?: string; muteAllMembers?: boolean }) {
    return this.guard('updateGroupProfile', options, () => {
      const group = this.group(options.groupID);
      if (!this.isManager(group, this.userID)) throw new ChatDoubleError(10007, 'owner or admin only');
      if (options.name !== undefined) group.name = options.name;
      if (options.muteAllMembers !== undefined) group.muteAllMembers = options.muteAllMembers;
      return { data: { group: this.profileOf(group) } };
    });
  }

  getGroupOnlineMemberCount(groupID: string) {
    return this.guard('getGroupOnlineMemberCount', groupID, () => {
      const group = this.group(groupID);
      const now = this.cloud.clock.now();
      if (group.type === CHAT_TYPES.GRP_AVCHATROOM && now - this.onlineCountAt < 5_000) throw new ChatDoubleError(RATE_LIMIT_CODE, 'getGroupOnlineMemberCount: at most once per 5 s');
      this.onlineCountAt = now;
      return { data: { memberCount: [...group.members.keys()].filter((id) => this.cloud.online(id).length > 0).length } };
    });
  }

  getGroupMemberList(options: { groupID: string; count?: number; offset?: number | string }) {
    return this.guard('getGroupMemberList', options, () => {
      const group = this.group(options.groupID);
      const offset = Number(options.offset ?? 0);
      const count = Math.min(100, options.count ?? 15);
      // An AVChatRoom lists at most its 31 newest members (newest first), and only while you are in it.
      const avChatRoom = group.type === CHAT_TYPES.GRP_AVCHATROOM;
      if (avChatRoom && !this.joined.has(group.groupID)) throw new ChatDoubleError(10007, 'not a member of the group');
      const all = avChatRoom ? [...group.members.values()].sort((a, b) => b.joinTime - a.joinTime).slice(0, 31) : [...group.members.values()];
      const page = all.slice(offset, offset + count).map((m) => ({ ...m, nick: this.cloud.profiles.get(m.userID)?.nick ?? '', avatar: this.cloud.profiles.get(m.userID)?.avatar ?? '', muteUntil: m.muteUntil }));
      return { data: { memberList: page, offset: offset + count < all.length ? offset + count : 0 } };
    });
  }

  deleteGroupMember(options: { groupID: string; userIDList: string[]; reason?: string }) {
    return this.guard('deleteGroupMember', options, () => {
      const group = this.group(options.groupID);
      if (!this.isManager(group, this.userID)) throw new ChatDoubleError(10007, 'owner or admin only');
      for (const id of options.userIDList) {
        if (id === group.ownerID || (this.role(group, this.userID) !== CHAT_TYPES.GRP_MBR_ROLE_OWNER && this.isManager(group, id))) throw new ChatDoubleError(10007, 'cannot remove the owner or another admin');
      }
      const removed = options.userIDList.filter((id) => group.members.delete(id));
      for (const id of removed) {
        for (const i of this.cloud.instances) {
          if (i.userID !== id || !i.joined.has(group.groupID)) continue;
          i.joined.delete(group.groupID);
          this.cloud.notice(i, group.groupID, SYS_NOTICE.KICKED);
        }
      }
      if (removed.length > 0) this.cloud.tip(group.groupID, CHAT_TYPES.GRP_TIP_MBR_KICKED_OUT, removed);
      return { data: { group: this.profileOf(group), userIDList: removed } };
    });
  }

  setGroupMemberMuteTime(options: { groupID: string; userID: string; muteTime: number }) {
    return this.guard('setGroupMemberMuteTime', options, () => {
      const group = this.group(options.groupID);
      if (!this.isManager(group, this.userID)) throw new ChatDoubleError(10007, 'owner or admin only');
      const member = group.members.get(options.userID);
      if (!member) throw new ChatDoubleError(10007, 'not a member of the group');
      // muteUntil is in seconds; 0 unmutes.
      member.muteUntil = options.muteTime === 0 ? 0 : this.cloud.clock.now() / 1000 + options.muteTime;
      return { data: { groupID: options.groupID, userID: options.userID, muteTime: options.muteTime } };
    });
  }

  setGroupMemberRole(options: { groupID: string; userID: string; role: string }) {
    return this.guard('setGroupMemberRole', options, () => {
      const group = this.group(options.groupID);
      if (group.ownerID !== this.userID) throw new ChatDoubleError(10007, 'owner only');
      const member = group.members.get(options.userID);
      if (!member) throw new ChatDoubleError(10007, 'not a member of the group');
      member.role = options.role;
      return { data: {} };
    });
  }

  private attributeGuard(groupID: string, write: boolean): Group {
    const group = this.group(groupID);
    if (group.type !== CHAT_TYPES.GRP_AVCHATROOM) throw new ChatDoubleError(2641, 'group attributes are for AVChatRoom only');
    if (!this.joined.has(groupID)) throw new ChatDoubleError(2642, 'join the AVChatRoom first');
    if (write) {
      const now = this.cloud.clock.now();
      this.attributeWrites = this.attributeWrites.filter((t) => now - t < 5_000);
      if (this.attributeWrites.length >= 10) throw new ChatDoubleError(8511, 'group attribute writes: at most 10 per 5 s');
      this.attributeWrites.push(now);
    }
    return group;
  }

  private writeAttributes(group: Group, next: Map<string, string>): void {
    if (next.size > 16) throw new ChatDoubleError(10047, 'at most 16 group attribute keys');
    let total = 0;
    for (const [k, v] of next) {
      if (bytes(k) > 32) throw new ChatDoubleError(10045, 'group attribute key over 32 bytes');
      if (bytes(v) > 4_000) throw new ChatDoubleError(10046, 'group attribute value over 4,000 bytes');
      total += bytes(k) + bytes(v);
    }
    if (total > 16_000) throw new ChatDoubleError(10048, 'group attributes over 16 KB in all');
    group.attributes = next;
    const groupAttributes = Object.fromEntries(next);
    for (const to of this.cloud.groupInstances(group.groupID, this)) this.cloud.deliver(to, CHAT_EVENT.GROUP_ATTRIBUTES_UPDATED, { groupID: group.groupID, groupAttributes });
  }

  initGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }) {
    return this.guard('initGroupAttributes', options, () => {
      const group = this.attributeGuard(options.groupID, true);
      this.writeAttributes(group, new Map(Object.entries(options.groupAttributes)));
      return { data: { groupAttributes: options.groupAttributes } };
    });
  }

  setGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }) {
    return this.guard('setGroupAttributes', options, () => {
      const group = this.attributeGuard(options.groupID, true);
      this.writeAttributes(group, new Map([...group.attributes, ...Object.entries(options.groupAttributes)]));
      return { data: { groupAttributes: options.groupAttributes } };
    });
  }

  getGroupAttributes(options: { groupID: string; keyList: string[] }) {
    return this.guard('getGroupAttributes', options, () => {
      const group = this.attributeGuard(options.groupID, false);
      const all = Object.fromEntries(group.attributes);
      // An empty keyList returns every attribute.
      return { data: { groupAttributes: options.keyList.length === 0 ? all : Object.fromEntries(options.keyList.filter((k) => k in all).map((k) => [k, all[k]!])) } };
    });
  }

  createTextMessage(options: { to: string; conversationType: string; payload: Record<string, unknown>; cloudCustomData?: string; priority?: string }) {
    return this.cloud.message({ ...options, type: CHAT_TYPES.MSG_TEXT, from: this.userID });
  }

  createCustomMessage(options: { to: string; conversationType: string; payload: Record<string, unknown>; cloudCustomData?: string; priority?: string }) {
    return this.cloud.message({ ...options, type: CHAT_TYPES.MSG_CUSTOM, from: this.userID });
  }

  sendMessage(message: ReturnType<ChatCloud['message']>) {
    return this.guard('sendMessage', { to: message.to, type: message.type }, () => {
      if (bytes(JSON.stringify(message.payload)) + bytes(message.cloudCustomData) > 12_000) throw new ChatDoubleError(80002, 'message over 12 KB');
      const sent = { ...message, status: 'success', time: Math.floor(this.cloud.clock.now() / 1000) };
      if (message.conversationType === CHAT_TYPES.CONV_GROUP) {
        const group = this.group(message.to);
        const me = group.members.get(this.userID);
        if (!me || !this.joined.has(group.groupID)) throw new ChatDoubleError(10007, 'not a member of the group');
        const now = this.cloud.clock.now();
        if (me.muteUntil * 1000 > now) throw new ChatDoubleError(10017, 'you are muted in this group');
        if (group.muteAllMembers && !this.isManager(group, this.userID)) throw new ChatDoubleError(10017, 'the group is muted');
        for (const to of this.cloud.groupInstances(group.groupID, this)) this.cloud.deliver(to, CHAT_EVENT.MESSAGE_RECEIVED, [{ ...sent, flow: 'in' }]);
      } else {
        // C2C: to the peer's online instances, and (multi-instance sync) never back to this one.
        for (const to of this.cloud.online(message.to)) if (to !== this) this.cloud.deliver(to, CHAT_EVENT.MESSAGE_RECEIVED, [{ ...sent, flow: 'in' }]);
      }
      return { data: { message: sent } };
    });
  }

  private follow(ids: string[], follow: boolean) {
    return this.guard(follow ? 'followUser' : 'unfollowUser', ids, () => {
      const mine = this.cloud.follows.get(this.userID) ?? new Set<string>();
      for (const id of ids) {
        if (follow) mine.add(id);
        else mine.delete(id);
        for (const to of this.cloud.online(id)) this.cloud.deliver(to, CHAT_EVENT.MY_FOLLOWERS_LIST_UPDATED, { userList: [{ userID: this.userID }], isAdd: follow });
      }
      this.cloud.follows.set(this.userID, mine);
      return { data: ids.map((userID) => ({ userID, resultCode: 0, resultInfo: '' })) };
    });
  }
}
