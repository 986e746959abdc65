// The slice of trtc-sdk-v5 and @tencentcloud/chat this backend uses, as structural types. The adapter talks only to
// these, so the lazily imported SDKs and the test doubles (test/doubles/tencent/) are interchangeable. Names, event
// strings and payload shapes follow the SDKs' own typings (node_modules/*/index.d.ts) and documentation.

// ---- @tencentcloud/chat (v3, slim build + group/follow modules) ----

/** Every Chat promise resolves with `{ data }` and rejects with `{ code, message }`. */
export interface ChatResponse<T> {
  readonly data: T;
}

export interface ChatError {
  readonly code: number;
  readonly message: string;
}

export interface ChatMessage {
  readonly ID: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly conversationType: string;
  readonly to: string;
  readonly from: string;
  readonly nick: string;
  readonly avatar: string;
  readonly time: number;
  readonly cloudCustomData: string;
  readonly priority?: string;
}

export interface ChatMessageOptions {
  readonly to: string;
  readonly conversationType: string;
  readonly priority?: string;
  readonly payload: Record<string, unknown>;
  readonly cloudCustomData?: string;
}

export interface ChatGroupProfile {
  readonly groupID: string;
  readonly type: string;
  readonly name: string;
  readonly ownerID: string;
  readonly memberCount: number;
  readonly muteAllMembers: boolean;
}

export interface ChatGroupMember {
  readonly userID: string;
  readonly nick: string;
  readonly avatar: string;
  readonly role: string;
  readonly joinTime: number;
  /** Seconds since the epoch; muted while it lies in the future. */
  readonly muteUntil: number;
}

export interface ChatProfile {
  readonly userID: string;
  readonly nick: string;
  readonly avatar: string;
  readonly level?: number;
}

export interface ChatFollowInfo {
  readonly userID: string;
  readonly followersCount: number;
  readonly followingCount: number;
  readonly mutualFollowersCount: number;
}

export interface ChatFollowType {
  readonly userID: string;
  /** 0 none, 1 they follow me, 2 I follow them, 3 both (follow module `checkFollowType`). */
  readonly followType: number;
}

export type ChatHandler = (event: { readonly name?: string; readonly data: unknown }) => void;

export interface ChatLike {
  login(options: { userID: string; userSig: string }): Promise<ChatResponse<unknown>>;
  logout(): Promise<unknown>;
  destroy(): Promise<unknown>;
  isReady(): boolean;
  on(eventName: string, handler: ChatHandler): void;
  off(eventName: string, handler: ChatHandler): void;
  updateMyProfile(options: { nick?: string; avatar?: string }): Promise<ChatResponse<unknown>>;
  getUserProfile(options: { userIDList: string[] }): Promise<ChatResponse<ChatProfile[]>>;
  createGroup(options: { name: string; type: string; groupID?: string }): Promise<ChatResponse<{ group: ChatGroupProfile }>>;
  joinGroup(options: { groupID: string; type?: string }): Promise<ChatResponse<{ status: string; group?: ChatGroupProfile }>>;
  quitGroup(groupID: string): Promise<ChatResponse<{ groupID: string }>>;
  dismissGroup(groupID: string): Promise<ChatResponse<{ groupID: string }>>;
  getGroupProfile(options: { groupID: string }): Promise<ChatResponse<{ group: ChatGroupProfile }>>;
  updateGroupProfile(options: { groupID: string; name?: string; muteAllMembers?: boolean }): Promise<ChatResponse<{ group: ChatGroupProfile }>>;
  getGroupOnlineMemberCount(groupID: string): Promise<ChatResponse<{ memberCount: number }>>;
  getGroupMemberList(options: { groupID: string; count?: number; offset?: number | string }): Promise<ChatResponse<{ memberList: ChatGroupMember[]; offset?: number | string }>>;
  deleteGroupMember(options: { groupID: string; userIDList: string[]; reason?: string }): Promise<ChatResponse<unknown>>;
  setGroupMemberMuteTime(options: { groupID: string; userID: string; muteTime: number }): Promise<ChatResponse<unknown>>;
  setGroupMemberRole(options: { groupID: string; userID: string; role: string }): Promise<ChatResponse<unknown>>;
  initGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }): Promise<ChatResponse<unknown>>;
  setGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }): Promise<ChatResponse<unknown>>;
  getGroupAttributes(options: { groupID: string; keyList: string[] }): Promise<ChatResponse<{ groupAttributes: Record<string, string> }>>;
  createTextMessage(options: ChatMessageOptions): ChatMessage;
  createCustomMessage(options: ChatMessageOptions): ChatMessage;
  sendMessage(message: ChatMessage): Promise<ChatResponse<{ message: ChatMessage }>>;
  // follow module (Chat Ultimate edition); absent without the module
  followUser?(userIDList: string[]): Promise<ChatResponse<unknown>>;
  unfollowUser?(userIDList: string[]): Promise<ChatResponse<unknown>>;
  getUserFollowInfo?(userIDList?: string[]): Promise<ChatResponse<ChatFollowInfo[]>>;
  checkFollowType?(userIDList: string[]): Promise<ChatResponse<ChatFollowType[]>>;
  // Signalling (signaling-module): present only when the module is registered.
  addSignalingListener?(eventName: string, handler: ChatHandler): void;
  removeSignalingListener?(eventName: string, handler: ChatHandler): void;
  invite?(options: { userID: string; data?: string; timeout?: number; onlineUserOnly?: boolean }): Promise<ChatSignalingResponse>;
  cancel?(options: { inviteID: string; data?: string }): Promise<ChatSignalingResponse>;
  accept?(options: { inviteID: string; data?: string }): Promise<ChatSignalingResponse>;
  reject?(options: { inviteID: string; data?: string }): Promise<ChatSignalingResponse>;
}

/**
 * What invite/cancel/accept/reject resolve with: the response of the C2C message the step rides on, with the
 * invitation's ID added at the top level (`{ code: 0, data: { message }, inviteID }` in the 3.x signalling module).
 */
export interface ChatSignalingResponse {
  readonly code?: number;
  readonly inviteID?: string;
  readonly data?: { readonly inviteID?: string; readonly message?: unknown };
}

/**
 * Signalling events (`event.data`): NEW_INVITATION_RECEIVED has `inviteeList`, INVITEE_ACCEPTED/REJECTED name the
 * `invitee`, INVITATION_TIMEOUT has `inviteeList` and `isSelfTimeout`. `data` is the step's custom data.
 */
export interface ChatSignal {
  readonly inviteID: string;
  readonly inviter: string;
  readonly groupID: string;
  readonly data: string;
  readonly invitee?: string;
  readonly inviteeList?: readonly string[];
  readonly isSelfTimeout?: boolean;
}

/** `TencentCloudChat` as the ESM slim build exports it (its typings lack `modules`, which the slim build needs). */
export interface ChatFactory {
  create(options: { SDKAppID: number; modules?: Record<string, unknown> }): ChatLike;
  readonly EVENT: {
    readonly SDK_READY: string;
    readonly SDK_NOT_READY: string;
    readonly MESSAGE_RECEIVED: string;
    readonly KICKED_OUT: string;
    readonly NET_STATE_CHANGE: string;
    readonly GROUP_ATTRIBUTES_UPDATED: string;
    readonly MY_FOLLOWERS_LIST_UPDATED: string;
    readonly ERROR: string;
  };
  readonly TYPES: {
    readonly MSG_TEXT: string;
    readonly MSG_CUSTOM: string;
    readonly MSG_GRP_TIP: string;
    readonly MSG_GRP_SYS_NOTICE: string;
    readonly MSG_PRIORITY_HIGH: string;
    readonly MSG_PRIORITY_NORMAL: string;
    readonly MSG_PRIORITY_LOW: string;
    readonly CONV_C2C: string;
    readonly CONV_GROUP: string;
    readonly GRP_AVCHATROOM: string;
    readonly GRP_MBR_ROLE_ADMIN: string;
    readonly GRP_MBR_ROLE_MEMBER: string;
    readonly GRP_TIP_MBR_JOIN: number;
    readonly GRP_TIP_MBR_QUIT: number;
    readonly GRP_TIP_MBR_KICKED_OUT: number;
    readonly JOIN_STATUS_SUCCESS: string;
    readonly JOIN_STATUS_ALREADY_IN_GROUP: string;
    readonly KICKED_OUT_MULT_ACCOUNT: string;
    readonly KICKED_OUT_MULT_DEVICE: string;
    readonly KICKED_OUT_USERSIG_EXPIRED: string;
    readonly KICKED_OUT_REST_API: string;
    readonly NET_STATE_CONNECTED: string;
    readonly NET_STATE_CONNECTING: string;
    readonly NET_STATE_DISCONNECTED: string;
  };
  /** Signalling event names (`TencentCloudChat.TSignaling`). */
  readonly TSignaling?: {
    readonly NEW_INVITATION_RECEIVED: string;
    readonly INVITEE_ACCEPTED: string;
    readonly INVITEE_REJECTED: string;
    readonly INVITATION_CANCELLED: string;
    readonly INVITATION_TIMEOUT: string;
  };
}

/** The Chat SDK plus the plugin modules the slim build is created with. */
export interface ChatSdk {
  readonly TencentCloudChat: ChatFactory;
  /** `{ 'group-module': GroupModule, 'follow-module'?: FollowModule, … }`, passed to `create({ modules })`. */
  readonly modules: Record<string, unknown>;
}

// ---- trtc-sdk-v5 ----

export interface TrtcErrorLike {
  readonly code: number;
  readonly extraCode?: number;
  readonly message: string;
}

export interface TrtcEnterRoomConfig {
  sdkAppId: number;
  userId: string;
  userSig: string;
  strRoomId?: string;
  roomId?: number;
  scene: string;
  role: string;
  autoReceiveAudio?: boolean;
  privateMapKey?: string;
}

export type TrtcHandler = (event: never) => void;

export interface TrtcLike {
  enterRoom(config: TrtcEnterRoomConfig): Promise<void>;
  exitRoom(): Promise<void>;
  switchRole(role: string, option?: { privateMapKey?: string }): Promise<void>;
  startLocalAudio(config?: { mute?: boolean; option?: { profile?: string; audioTrack?: MediaStreamTrack } }): Promise<void>;
  stopLocalAudio(): Promise<void>;
  updateLocalAudio(config: { mute?: boolean; option?: { audioTrack?: MediaStreamTrack } }): Promise<void>;
  setRemoteAudioVolume?(userId: string, volume: number): void;
  enableAudioVolumeEvaluation(interval?: number): void;
  on(event: string, handler: (event: never) => void): unknown;
  off(event: string, handler: (event: never) => void): unknown;
  destroy(): void;
}

/** `TRTC` as trtc.esm.js exports it: `TRTC.create()`, `TRTC.TYPE.*`, `TRTC.EVENT.*`, `TRTC.ERROR_CODE.*`. */
export interface TrtcFactory {
  create(options?: Record<string, unknown>): TrtcLike;
  readonly TYPE: { readonly SCENE_LIVE: string; readonly ROLE_ANCHOR: string; readonly ROLE_AUDIENCE: string; readonly AUDIO_PROFILE_STANDARD: string };
  readonly EVENT: {
    readonly ERROR: string;
    readonly AUTOPLAY_FAILED: string;
    readonly KICKED_OUT: string;
    readonly REMOTE_USER_ENTER: string;
    readonly REMOTE_USER_EXIT: string;
    readonly REMOTE_AUDIO_AVAILABLE: string;
    readonly REMOTE_AUDIO_UNAVAILABLE: string;
    readonly AUDIO_VOLUME: string;
    readonly CONNECTION_STATE_CHANGED: string;
  };
  readonly ERROR_CODE: {
    readonly INVALID_PARAMETER: number;
    readonly INVALID_OPERATION: number;
    readonly ENV_NOT_SUPPORTED: number;
    readonly DEVICE_ERROR: number;
    readonly SERVER_ERROR: number;
    readonly OPERATION_FAILED: number;
    readonly OPERATION_ABORT: number;
    readonly UNKNOWN_ERROR: number;
  };
}
