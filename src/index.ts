export * from './core.js';
export * from './store/index.js';
export type { Answer, BackendEvent, RoomBackend } from './backends/room-backend.js';
export { ConnectionState } from './backends/room-backend.js';
