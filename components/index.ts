// Entry for `voiceroom-kit/components`: importing it registers every vr-* element (listed in package.json
// "sideEffects"), and re-exports the building blocks for people writing their own elements.
export { roomContext } from './context.js';
export { StoreController, type StoreSource } from './controllers/store-controller.js';
export { VrElement, type Theme } from './base/vr-element.js';
export * from './events/index.js';
export * from './i18n/index.js';
export { installTokens, tokens, tokensCssText } from './styles/tokens.js';
export { focusRing, reducedMotion, visuallyHidden } from './styles/shared.js';
export { SeatAction, type SeatRenderContext, type SeatRenderer, VrSeat } from './seat/seat.js';
export { hueOf, initialsOf } from './base/identity.js';
export {
  SeatLayout,
  SeatRowAlignment,
  type SeatRowConfig,
  VrSeatGrid,
  autoColumns,
  freeRows,
} from './seat-grid/seat-grid.js';
export { RoomView, type RoomSheet, VrRoom, isNoticePhase } from './room/room.js';
export { VrRoomList } from './room-list/room-list.js';
export { VrGiftPanel } from './gift-panel/gift-panel.js';
export { type GiftPlayerStatus, type PlayableEffect, VrGiftPlayer } from './gift-player/gift-player.js';
export { VrSeatRequests, type SeatRequestsView, formatCountdown } from './seat-requests/seat-requests.js';
export { VrLiveInfo, formatDuration } from './live-info/live-info.js';
export { VrAudienceList, visibleRange } from './audience-list/audience-list.js';
export { BARRAGE_EMOJI, BarrageBlock, VrBarrage } from './barrage/barrage.js';
export {
  type Feed as BarrageFeed,
  type FeedEntry as BarrageFeedEntry,
  barrageFeed,
  seatNotices,
} from './barrage/feed.js';
export { VrLikeButton } from './like-button/like-button.js';
