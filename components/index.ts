// Entry for `voiceroom-kit/components`: importing it registers every vr-* element (listed in package.json
// "sideEffects"), and re-exports the building blocks for people writing their own elements.
//
// The elements that open on demand, and those of a room's live view, are registered as loaders
// (components/base/lazy-elements.ts): their code is fetched the first time their tag is on the page (the live
// view's as soon as a `<vr-room>` is), or when the browser is idle after the page loaded, so they are not in the kit's initial
// load (issue 14). Their classes are exported as types only; `loadElements()` defines them now. Everything else is
// defined by the static imports below.
import './styles/side-by-side.js'; // first: the elements' styles side by side in a bundle (see there)
import { lazyElements } from './base/lazy-elements.js';
import { LIVE_ELEMENTS } from './room/live-tags.js';

lazyElements({
  'vr-gift-panel': () => import('./gift-panel/gift-panel.js'),
  'vr-seat-requests': () => import('./seat-requests/seat-requests.js'),
  'vr-room-list': () => import('./room-list/room-list.js'),
  // A room's live view (bars, barrage, gift player), one chunk for the five: the room asks for it as soon as it is
  // on the page.
  ...Object.fromEntries(LIVE_ELEMENTS.map((tag) => [tag, () => import('./room/live-elements.js')])),
});

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
export type { VrRoomList } from './room-list/room-list.js';
export type { VrGiftPanel } from './gift-panel/gift-panel.js';
export type { GiftPlayerStatus, PlayableEffect, VrGiftPlayer } from './gift-player/gift-player.js';
export type { VrSeatRequests, SeatRequestsView } from './seat-requests/seat-requests.js';
export { formatCountdown } from './seat-requests/countdown.js';
export { loadElement, loadElements } from './base/lazy-elements.js';
export type { VrLiveInfo } from './live-info/live-info.js';
export { formatDuration } from './live-info/duration.js';
export type { VrAudienceList } from './audience-list/audience-list.js';
export { visibleRange } from './audience-list/visible-range.js';
export type { VrBarrage } from './barrage/barrage.js';
export { BarrageBlock } from './barrage/block.js';
export { BARRAGE_EMOJI } from './barrage/emoji.js';
export {
  type Feed as BarrageFeed,
  type FeedEntry as BarrageFeedEntry,
  barrageFeed,
  seatNotices,
} from './barrage/feed.js';
export type { VrLikeButton } from './like-button/like-button.js';
