// The slice of Tencent's RoomEngine web SDK (@tencentcloud/tuiroom-engine-js 3.4) that the Tencent backend uses,
// written against the package's own typings: `npm run typecheck` fails when a name, an argument or a return type
// here stops matching the real SDK, and the test double (test/doubles/tencent/engine-double.ts) implements exactly
// these types. Type-only imports: the SDK itself loads lazily (load.ts), so nothing here may import it by value.
import type * as Sdk from '@tencentcloud/tuiroom-engine-js';

// The package's typings are CommonJS-flavoured (no "type": "module"): under NodeNext `Sdk.default` is the whole
// module, and the engine class is its `default` (what the ESM build's default export is at run time); under a
// bundler's resolution (a Vite app's tsconfig) `Sdk.default` is the class itself. Unwrapping `default` while there
// is one names the class under both, so the published typings check in either kind of consumer project.
type DefaultExport<T> = T extends { readonly default: infer D } ? D : T;
type TUIRoomEngineClass = DefaultExport<DefaultExport<typeof Sdk>>;
type TUIRoomEngine = InstanceType<TUIRoomEngineClass>;

export type {
  GiftCategory,
  GiftInfo,
  StartLiveOptions,
  TUILiveInfo,
  TUILiveListResult,
  TUIRequest,
  TUIRequestCallback,
  TUIRoomInfo,
  TUISeatInfo,
  TUISeatLockParams,
  TUIUserInfo,
} from '@tencentcloud/tuiroom-engine-js';
import type { GiftInfo, TUIRequest, TUISeatInfo, TUIUserInfo } from '@tencentcloud/tuiroom-engine-js';

type LiveListManager = ReturnType<TUIRoomEngine['getLiveListManager']>;
type LiveGiftManager = ReturnType<TUIRoomEngine['getLiveGiftManager']>;
type Chat = ReturnType<TUIRoomEngine['getTIM']>;

/** The live-room lifecycle and the public room list (TUILiveKit starts and joins voice rooms through these). */
export type EngineLiveList = Pick<
  LiveListManager,
  'startLive' | 'stopLive' | 'joinLive' | 'leaveLive' | 'getLiveInfo' | 'setLiveInfo' | 'fetchLiveList' | 'on' | 'off'
>;
/** The cloud's gift catalog, gifts and likes. */
export type EngineGifts = Pick<
  LiveGiftManager,
  'getGiftList' | 'sendGift' | 'sendLikes' | 'getGiftCountByAnchor' | 'getLikesCount' | 'on' | 'off'
>;
/** What the backend asks of the Chat instance the engine runs on: follows and profiles. */
export type EngineChat = Pick<
  Chat,
  | 'followUser'
  | 'unfollowUser'
  | 'getUserFollowInfo'
  | 'checkFollowType'
  | 'getUserProfile'
  | 'setGroupMemberMuteTime'
  | 'deleteGroupMember'
  | 'createTextMessage'
  | 'sendMessage'
>;
/** Chat's `TYPES` enum (conversation types and the like), as the engine's Chat declares it. */
type ChatTypes = Parameters<EngineChat['createTextMessage']>[0]['conversationType'];
/** A room is a Chat group whose ID is the room ID. */
export const CONV_GROUP = 'GROUP' satisfies `${ChatTypes}` as ChatTypes;

/**
 * What Chat's `sendMessage` resolves (typed `any`): `{ code: 0, data: { message } }`, the message as sent, with the
 * group sequence the server gave it, which is also what other members' `onReceiveTextMessage` carries.
 */
export interface ChatSendResult {
  readonly data?: { readonly message?: { readonly ID?: string; readonly sequence?: number; readonly time?: number } };
}

/** The engine instance methods the backend calls. The managers are narrowed to the slices above. */
export interface EngineInstance extends Pick<
  TUIRoomEngine,
  | 'fetchRoomInfo'
  | 'updateRoomNameByAdmin'
  | 'updateRoomSeatModeByAdmin'
  | 'getUserList'
  | 'getUserInfo'
  | 'openLocalMicrophone'
  | 'closeLocalMicrophone'
  | 'muteLocalAudio'
  | 'unmuteLocalAudio'
  | 'muteRemoteAudioStream'
  | 'setAudioPlayoutVolume'
  | 'setCurrentSpeakerDevice'
  | 'cancelRequest'
  | 'responseRemoteRequest'
  | 'disableSendingMessageForAllUser'
  | 'disableSendingMessageByAdmin'
  | 'changeUserRole'
  | 'kickRemoteUserOutOfRoom'
  | 'getSeatList'
  | 'takeSeat'
  | 'leaveSeat'
  | 'moveToSeat'
  | 'moveUserToSeatByAdmin'
  | 'takeUserOnSeatByAdmin'
  | 'kickUserOffSeatByAdmin'
  | 'lockSeatByAdmin'
  | 'getSeatApplicationList'
  | 'sendTextMessage'
  | 'sendCustomMessage'
  | 'on'
  | 'off'
  | 'destroy'
> {
  getLiveListManager(): EngineLiveList;
  getLiveGiftManager(): EngineGifts;
  getTIM(): EngineChat;
}

/** The engine class: static sign-in, then one instance per backend. */
export type EngineClass = Pick<TUIRoomEngineClass, 'login' | 'logout' | 'setSelfInfo' | 'once'> & {
  new (options?: { isSharedInstance?: boolean }): EngineInstance;
};

/** What `load.ts` hands the backend: the engine class (a double in tests). */
export interface EngineSdk {
  readonly TUIRoomEngine: EngineClass;
}

// ---- Enum values ----------------------------------------------------------------------------------------------
// The SDK's enums are runtime objects in the lazily loaded package. The backend needs their values before and
// without loading it, so it keeps copies; `mirror` makes each copy name every member with exactly the SDK's value
// (TypeScript 5 rejects a numeric literal that differs from the enum member's value), and types it as the SDK enum.

/** Every member of E with its exact value: a missing member, an extra one or a wrong number fails typecheck. */
export type Mirror<E> = { readonly [K in keyof E]: E[K] extends string ? `${E[K]}` : E[K] };
export function mirror<E>(values: Mirror<E>): E {
  return values as unknown as E;
}

export const TUIRoomType = mirror<typeof Sdk.TUIRoomType>({ kConference: 1, kLive: 2 });
export const TUISeatMode = mirror<typeof Sdk.TUISeatMode>({ kFreeToTake: 1, kApplyToTake: 2 });
export const TUIRole = mirror<typeof Sdk.TUIRole>({ kRoomOwner: 0, kAdministrator: 1, kGeneralUser: 2 });
export const TUIMoveSeatPolicy = mirror<typeof Sdk.TUIMoveSeatPolicy>({
  kAbortWhenOccupied: 0,
  kForceReplace: 1,
  kSwapPosition: 2,
});
export const TUIChangeReason = mirror<typeof Sdk.TUIChangeReason>({ kChangedBySelf: 0, kChangedByAdmin: 1 });
export const TUIRoomDismissedReason = mirror<typeof Sdk.TUIRoomDismissedReason>({ kByOwner: 1, kByServer: 2 });
export const TUIKickedOutOfRoomReason = mirror<typeof Sdk.TUIKickedOutOfRoomReason>({
  kKickedByAdmin: 0,
  kKickedByLoggedOnOtherDevice: 1,
  kKickedByServer: 2,
  kNetworkDisconnected: 3,
  kJoinRoomStatusInvalidDuringOffline: 4,
  kCountOfJoinedRoomsExceedLimit: 5,
});
export const TUIRequestAction = mirror<typeof Sdk.TUIRequestAction>({
  kInvalidAction: 0,
  kRequestToOpenRemoteCamera: 1,
  kRequestToOpenRemoteMicrophone: 2,
  kRequestToConnectOtherRoom: 3,
  kRequestToTakeSeat: 4,
  kRequestRemoteUserOnSeat: 5,
  kApplyToAdminToOpenLocalCamera: 6,
  kApplyToAdminToOpenLocalMicrophone: 7,
  kApplyToAdminToOpenLocalScreenShare: 8,
});
export const TUIRequestCallbackType = mirror<typeof Sdk.TUIRequestCallbackType>({
  kRequestAccepted: 0,
  kRequestRejected: 1,
  kRequestCancelled: 2,
  kRequestTimeout: 3,
  kRequestError: 4,
});
export const TUIRoomEvents = mirror<typeof Sdk.TUIRoomEvents>({
  onError: 'onError',
  onKickedOutOfRoom: 'onKickedOutOfRoom',
  onKickedOffLine: 'onKickedOffLine',
  onUserSigExpired: 'onUserSigExpired',
  onRoomDismissed: 'onRoomDismissed',
  onRoomNameChanged: 'onRoomNameChanged',
  onRoomSeatModeChanged: 'onRoomSeatModeChanged',
  onRoomUserCountChanged: 'onRoomUserCountChanged',
  onAllUserCameraDisableChanged: 'onAllUserCameraDisableChanged',
  onScreenShareForAllUserDisableChanged: 'onScreenShareForAllUserDisableChanged',
  onAllUserMicrophoneDisableChanged: 'onAllUserMicrophoneDisableChanged',
  onSendMessageForAllUserDisableChanged: 'onSendMessageForAllUserDisableChanged',
  onRoomMaxSeatCountChanged: 'onRoomMaxSeatCountChanged',
  onRemoteUserEnterRoom: 'onRemoteUserEnterRoom',
  onRemoteUserLeaveRoom: 'onRemoteUserLeaveRoom',
  onUserInfoChanged: 'onUserInfoChanged',
  onUserRoleChanged: 'onUserRoleChanged',
  onUserVideoStateChanged: 'onUserVideoStateChanged',
  onUserAudioStateChanged: 'onUserAudioStateChanged',
  onSendMessageForUserDisableChanged: 'onSendMessageForUserDisableChanged',
  onUserVoiceVolumeChanged: 'onUserVoiceVolumeChanged',
  onUserNetworkQualityChanged: 'onUserNetworkQualityChanged',
  onSeatListChanged: 'onSeatListChanged',
  onKickedOffSeat: 'onKickedOffSeat',
  onRequestReceived: 'onRequestReceived',
  onRequestCancelled: 'onRequestCancelled',
  onRequestProcessed: 'onRequestProcessed',
  onReceiveTextMessage: 'onReceiveTextMessage',
  onReceiveCustomMessage: 'onReceiveCustomMessage',
  onDeviceChange: 'onDeviceChange',
  onUserScreenCaptureStopped: 'onUserScreenCaptureStopped',
  onAutoPlayFailed: 'onAutoPlayFailed',
  onRoomMetadataChanged: 'onRoomMetadataChanged',
});
export const TUILiveGiftManagerEvents = mirror<typeof Sdk.TUILiveGiftManagerEvents>({
  onGiftCountChanged: 'onGiftCountChanged',
  onReceiveGiftMessage: 'onReceiveGiftMessage',
  onReceiveLikesMessage: 'onReceiveLikesMessage',
});
export const TUILiveListManagerEvents = mirror<typeof Sdk.TUILiveListManagerEvents>({
  onLiveInfoChanged: 'onLiveInfoChanged',
});

// ---- Event payloads --------------------------------------------------------------------------------------------
// The typings give every listener `(...args: any[])`. These are the shapes the SDK passes (one object argument),
// from its JSDoc and its code; docs/tencent.md lists the evidence. The double emits exactly these.

export interface RoomEventPayloads {
  onError: { code: number; message: string };
  onKickedOutOfRoom: { roomId: string; reason: Sdk.TUIKickedOutOfRoomReason; message: string };
  onKickedOffLine: { message: string };
  /** Emitted with no argument at all (the SDK drops payloads whose fields are all undefined). */
  onUserSigExpired: undefined;
  onRoomDismissed: { roomId: string; reason: Sdk.TUIRoomDismissedReason };
  onRoomNameChanged: { roomId: string; roomName: string };
  onRoomSeatModeChanged: { roomId: string; seatMode: Sdk.TUISeatMode };
  onRoomUserCountChanged: { roomId: string; userCount: number };
  onSendMessageForAllUserDisableChanged: { roomId: string; isDisable: boolean };
  onRoomMaxSeatCountChanged: { roomId: string; maxSeatNumber: number };
  onRemoteUserEnterRoom: { roomId: string; userInfo: TUIUserInfo };
  onRemoteUserLeaveRoom: { roomId: string; userInfo: TUIUserInfo };
  onUserInfoChanged: { userInfo: TUIUserInfo };
  onUserRoleChanged: { userId: string; userRole: Sdk.TUIRole; userInfo: TUIUserInfo };
  onUserAudioStateChanged: { userId: string; hasAudio: boolean; reason: Sdk.TUIChangeReason };
  onSendMessageForUserDisableChanged: { roomId: string; userId: string; isDisable: boolean };
  onUserVoiceVolumeChanged: { userVolumeList: ReadonlyArray<{ userId: string; volume: number }> };
  /** The whole table (empty seats have `userId: ''`) and the diff; a list may be absent. */
  onSeatListChanged: { seatList?: TUISeatInfo[]; seatedList?: TUISeatInfo[]; leftList?: TUISeatInfo[] };
  /** `userInfo`/`userId` are the owner or admin who did it, not the kicked user (who is the listener). */
  onKickedOffSeat: { seatIndex: number; userInfo: TUIUserInfo; userId: string };
  onRequestReceived: { request: TUIRequest };
  onRequestCancelled: { requestId: string; userId: string; request: TUIRequest; userInfo: TUIUserInfo };
  onRequestProcessed: { requestId: string; userId: string; request: TUIRequest; userInfo: TUIUserInfo };
  /** Flattened from the core's message; the sender's own messages may come back too, with empty name and avatar. */
  onReceiveTextMessage: {
    roomId: string;
    textContent: string;
    sender: TUIUserInfo;
    sequence: number;
    extensionInfo: Record<string, string>;
    timestampInSecond: number;
  };
  onReceiveCustomMessage: {
    roomId: string;
    businessId: string;
    data: string;
    sender: TUIUserInfo;
    sequence: number;
    timestampInSecond: number;
  };
  /** TRTC's AUTOPLAY_FAILED event as is. */
  onAutoPlayFailed: { userId: string; mediaType?: string; resume: () => void };
}

export interface GiftEventPayloads {
  onGiftCountChanged: {
    roomId: string;
    totalGiftsSent: number;
    totalGiftCoins: number;
    totalUniqueGiftSenders: number;
  };
  onReceiveGiftMessage: { roomId: string; giftInfo: GiftInfo; count: number; sender: TUIUserInfo };
  onReceiveLikesMessage: { roomId: string; totalLikesReceived: number; sender: TUIUserInfo };
}

export interface LiveListEventPayloads {
  /**
   * Not the `{ liveInfo, modifyFlag }` the enum's JSDoc says: the SDK keeps only these fields (name, seat mode and
   * message mute come as the engine's own events instead).
   */
  onLiveInfoChanged: {
    liveModifyInfo: {
      roomId: string;
      activityStatus?: number;
      backgroundUrl?: string;
      categoryList?: number[];
      coverUrl?: string;
      isPublicVisible?: boolean;
      seatLayoutTemplateId?: number;
    };
  };
}

/**
 * A rejected SDK promise: engine calls reject with an Error carrying `code`, the gift manager with a plain
 * `{ code, message }` (codes: TUIErrorCode, Chat's, TRTC's); the message may be missing.
 */
export interface EngineFailure {
  readonly code: number;
  readonly message?: string;
}
