// One class per event (docs/architecture.md §5): `vr-<noun>-<verb>`, bubbling and composed; intents are cancelable.
// the base of them all
export { VrEvent } from './vr-event.js';
// every element's failed command
export { VrCommandErrorEvent, type VrCommandErrorDetail } from './command-error.js';
export { VrSeatSelectEvent, type VrSeatSelectDetail } from './seat-select.js';
export { VrSeatTakeEvent, type VrSeatTakeDetail } from './seat-take.js';
export { VrSeatLeaveEvent, type VrSeatLeaveDetail } from './seat-leave.js';
export { VrSeatMoveEvent, type VrSeatMoveDetail } from './seat-move.js';
export { VrSeatInviteEvent, type VrSeatInviteDetail } from './seat-invite.js';
export { VrSeatKickEvent, type VrSeatKickDetail } from './seat-kick.js';
export { VrSeatLockEvent, type VrSeatLockDetail } from './seat-lock.js';
export { VrSeatAudioLockEvent, type VrSeatAudioLockDetail } from './seat-audio-lock.js';
export { VrRequestCancelEvent, type VrRequestCancelDetail } from './request-cancel.js';
export { VrProfileViewEvent, type VrProfileViewDetail } from './profile-view.js';
export { VrSeatErrorEvent, type VrSeatErrorDetail } from './seat-error.js';
// seat requests, live info, audience list
export { VrRequestRespondEvent, type VrRequestRespondDetail } from './request-respond.js';
export { VrRequestRespondAllEvent, type VrRequestRespondAllDetail } from './request-respond-all.js';
export { VrRequestInviteEvent, type VrRequestInviteDetail } from './request-invite.js';
export { VrFollowChangeEvent, type VrFollowChangeDetail } from './follow-change.js';
export { VrInfoUpdateEvent, type VrInfoUpdateDetail } from './info-update.js';
export { VrSeatModeChangeEvent, type VrSeatModeChangeDetail } from './seat-mode-change.js';
export { VrMemberMuteEvent, type VrMemberMuteDetail } from './member-mute.js';
export { VrMemberKickEvent, type VrMemberKickDetail } from './member-kick.js';
export { VrPanelOpenEvent, type VrPanelOpenDetail } from './panel-open.js';
// room shell, room list
export { VrRoomLeaveEvent, type VrRoomLeaveDetail } from './room-leave.js';
export { VrRoomEndEvent, type VrRoomEndDetail } from './room-end.js';
export { VrRoomRetryEvent, type VrRoomRetryDetail } from './room-retry.js';
export { VrRoomTakeoverEvent, type VrRoomTakeoverDetail } from './room-takeover.js';
export { VrMicMuteEvent, type VrMicMuteDetail } from './mic-mute.js';
export { VrSoundEnableEvent, type VrSoundEnableDetail } from './sound-enable.js';
export { VrRoomSelectEvent, type VrRoomSelectDetail } from './room-select.js';
// gift panel and gift player
export { VrGiftSendEvent, type VrGiftSendDetail } from './gift-send.js';
export { VrGiftRechargeEvent, type VrGiftRechargeDetail } from './gift-recharge.js';
export { VrGiftErrorEvent, type VrGiftErrorDetail } from './gift-error.js';
export {
  type GiftEffectMode,
  type GiftEffectOutcome,
  VrGiftEffectEndEvent,
  type VrGiftEffectEndDetail,
  VrGiftEffectStartEvent,
  type VrGiftEffectStartDetail,
} from './gift-effect.js';
export { VrBarrageSendEvent, type VrBarrageSendDetail } from './barrage-send.js';
export { VrLikeEvent, type VrLikeDetail } from './like.js';
