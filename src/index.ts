export * from './core.js';
export * from './store/index.js';
export type { Answer, BackendEvent, BackendMedia, MediaConnectionState, RoomBackend, SeatAudioReport } from './backends/room-backend.js';
export * from './media/index.js';
export { ConnectionState } from './backends/room-backend.js';
