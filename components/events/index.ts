// One class per event (DESIGN.md §4): `vr-<noun>-<verb>`, bubbling and composed; intents are cancelable.
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
