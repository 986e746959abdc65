/**
 * `voiceroom-kit`: the room API a page or an app uses. `createRoom()` and the `Room` it returns (observables and
 * commands), the room directory, the backend port every backend implements (the backends themselves are
 * `voiceroom-kit/backends/*`), the domain's types, error codes and limits, the microphone and playback helpers,
 * and the few pure decisions a UI renders (a seat's menu, who outranks whom, the gift effect queue).
 *
 * The rules themselves — the reducers and guards the engine runs, `takeSeat(state, …)` and the rest — are not
 * here: a `room.takeSeat()` is what a page wants. Code that runs the rules on its own (a server, a simulation,
 * a test) imports them from `voiceroom-kit/core` (src/core.ts).
 */

// The domain: types, commands, events, error codes (`ErrorCode`, `RoomError`, `errorMessage`), limits, the clock.
export * from './model/index.js';

// The room store: createRoom, Room and its view types, the room directory, pending-command keys.
export * from './store/index.js';

// The port a backend implements (the adapters are the `voiceroom-kit/backends/*` entries).
export type {
  Answer,
  BackendEvent,
  BackendMedia,
  MediaConnectionState,
  RoomBackend,
  SeatAudioReport,
} from './backends/room-backend.js';
export { ConnectionState } from './backends/room-backend.js';

// Microphone, output devices and audio playback state.
export * from './media/index.js';

// Reading a snapshot: members are a persistent map, follows and mutes are records keyed by ID.
export { type PersistentMap, mapGet, mapHas, mapKeys, mapValues } from './rules/persistent-map.js';
export { type IdRecord, entry, hasEntry } from './rules/records.js';

// Decisions the elements render and a custom UI may render too (pure; the same code the engine enforces).
export {
  MicAction,
  type MicViewer,
  SeatAction,
  type SeatMenuRoom,
  type SeatMenuViewer,
  micAction,
  seatActions,
} from './rules/seat-actions.js';
export { UNCATEGORIZED, giftCategories, giftReceivers } from './rules/gifts.js';
export { applicationQueue } from './rules/requests.js';
export { type InfoDraft, type InfoDraftProblem, infoDraftPatch, infoDraftProblems } from './rules/room.js';
export { outranks, takeBecomesApplication } from './rules/permissions.js';
export { firstFreeSeat, hostSeatOf, seatOf } from './rules/seats.js';
export { normalizeBarrage } from './rules/barrage.js';
export { cleanName } from './rules/names.js';
export type { RuleResult } from './rules/result.js';
export {
  DEFAULT_GIFT_EFFECT_SETTINGS,
  GiftEffectQueue,
  effectComboKey,
  type GiftEffectChange,
  type GiftEffectItem,
  type GiftEffectMode,
  type GiftEffectOutcome,
  type GiftEffectSettings,
} from './rules/gift-effects.js';

// Limits that live with their rules.
export { MAX_TOP_UP } from './rules/gifts.js';
export { MAX_FOLLOWING } from './rules/follows.js';
export { DEFAULT_LIMITS, MAX_BAN_BATCH, MAX_SANCTION_SEC } from './rules/room.js';
