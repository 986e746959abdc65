import type { panelCloseStrings } from '../audience-list/close-strings.js';
import type { audiencePanelStrings } from '../audience-list/panel-strings.js';
import type { giftPanelStrings } from '../gift-panel/strings.js';
import type { giftPlayerStrings } from '../gift-player/strings.js';
import type { counterStrings } from '../barrage/counter.js';
import type { barrageStrings } from '../barrage/strings.js';
import type { pillStrings } from '../barrage/pill.js';
import type { likeStrings } from '../like-button/strings.js';
import type { liveInfoStrings } from '../live-info/info-strings.js';
import type { liveInfoPanelStrings } from '../live-info/strings.js';
import type { noticesStrings } from '../room/notices-strings.js';
import type { noteStrings } from '../room/note-strings.js';
import type { promptStrings } from '../room/prompt-strings.js';
import type { roomListStrings } from '../room-list/strings.js';
import type { requestAnswerStrings } from '../seat-requests/answer-strings.js';
import type { requestNoticeStrings } from '../seat-requests/notice-strings.js';
import type { seatRequestsStrings } from '../seat-requests/strings.js';
import type { seatMenuStrings } from '../seat/strings.js';

/**
 * The one string table. English is the source: every other locale is checked against its keys by the type
 * (`Record<MessageKey, string>`), so a missing translation is a compile error, not a blank button.
 * `{name}` placeholders are filled by `msg()`; numbers passed to them are formatted with Intl.
 *
 * `en` holds what the kit's entry renders. The English of the parts that load on demand (the gift panel, the seat
 * requests, the room list, the audience and live info panels, the gift player's effects, the seats' menus, the
 * room's request prompt, notices and notes, the live info, the like button, the barrage with its counter and pill)
 * is in their own `strings.ts` (or `<part>-strings.ts`, `counterStrings`, `pillStrings`; what two parts share is a
 * table each of them adds: seat-requests/answer-strings.ts and notice-strings.ts, audience-list/close-strings.ts),
 * which each part adds to the English table when it loads (`addStrings`), so the entry does not carry it (issue 14).
 * Their keys are message keys all the same, and every other locale's table holds them.
 */
export const en = {
  'seat.number': 'Seat {n}',
  'seat.grid': 'Seats',
  'seat.empty': 'Empty',
  'seat.locked': 'Locked',
  'seat.state.speaking': 'speaking',
  'seat.state.muted': 'muted',
  'seat.state.audioLocked': 'microphone locked',
  'seat.state.locked': 'locked',
  'seat.state.empty': 'empty',
  'seat.state.you': 'you',
  'seat.state.owner': 'host',
  'seat.state.admin': 'admin',
  'seat.state.applied': 'applied',
  'seat.state.busy': 'working',
  'seat.role.owner': 'Host',
  'seat.role.admin': 'Admin',
  'seat.role.you': 'You',
  'seat.applied': 'Applied',
  'room.label': 'Voice room {name}',
  'room.joining': 'Joining the room…',
  'room.header': 'Room information',
  'room.footer': 'Room controls',
  'room.leave': 'Leave',
  'room.end': 'End live',
  'room.mic.mute': 'Mute',
  'room.mic.unmute': 'Unmute',
  'room.mic.locked': 'Mic locked',
  'room.mic.take': 'Take a seat',
  'room.mic.apply': 'Apply to speak',
  'room.mic.cancel': 'Cancel application',
  'room.mic.full': 'Seats full',
  'room.gifts': 'Gifts',
  'room.requests': 'Seat requests',
  'room.requests.count': 'Seat requests, {n} waiting',
  'room.barrage': 'Messages',
  'room.seats': 'Seats',
  'room.reconnecting': 'Connection lost. Reconnecting…',
  'room.disconnected': 'Disconnected from the room',
  'room.sound.blocked': 'Sound is paused by your browser',
  'room.sound.enable': 'Enable sound',
  'room.notice.back': 'Back to rooms',
  'room.failed.retry': 'Try again',
  'room.audio.retrying': 'Audio connection lost. Retrying…',
  'alert.dismiss': 'Dismiss',
  // <vr-audience-list>
  'audience.open': 'Audience: {n} in the room',
  'audience.loading': 'Loading…',
  'audience.retry': 'Try again',
  // <vr-barrage>'s notices, named by the public `barrageFeed`'s entries
  'barrage.notice.joined': '{name} joined',
  'barrage.notice.tookSeat': '{name} took seat {n}',
  'barrage.notice.movedSeat': '{name} moved to seat {n}',
  'barrage.notice.leftSeat': '{name} left the seat',
  'barrage.notice.kickedSeat': '{name} was removed from seat {n}',
  'barrage.notice.kickedSeatMe': 'You were removed from seat {n}',
  'barrage.notice.removed': '{name} was removed from the room',
  'barrage.notice.gift': '{sender} sent {gift} ×{count} to {receiver}',
} as const;

/** The English that loads with a lazy part. */
type LazyStrings = typeof giftPanelStrings &
  typeof seatRequestsStrings &
  typeof roomListStrings &
  typeof audiencePanelStrings &
  typeof promptStrings &
  typeof noticesStrings &
  typeof noteStrings &
  typeof requestNoticeStrings &
  typeof requestAnswerStrings &
  typeof panelCloseStrings &
  typeof seatMenuStrings &
  typeof liveInfoPanelStrings &
  typeof giftPlayerStrings &
  typeof counterStrings &
  typeof pillStrings &
  typeof liveInfoStrings &
  typeof barrageStrings &
  typeof likeStrings;

export type MessageKey = keyof typeof en | keyof LazyStrings;
export type Messages = Record<MessageKey, string>;
