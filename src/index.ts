export * from './model/index.js';
export * from './rules/index.js';
export * from './store/index.js';
export type { Answer, BackendEvent, RoomBackend } from './backends/room-backend.js';
export { ConnectionState } from './backends/room-backend.js';
