import { RoomEngine, type RoomEngineOptions } from '../../engine/room-engine.js';

/**
 * The memory backend's server is the room engine itself, run in-process with no persistence: the same code the local
 * server runs behind WebSocket and SQLite.
 */
export { RoomEngine as MemoryServer, type EngineSession as MemorySession } from '../../engine/room-engine.js';
export type MemoryServerOptions = Omit<RoomEngineOptions, 'persistence' | 'initial'>;

export function createMemoryServer(options?: MemoryServerOptions): RoomEngine {
  return new RoomEngine(options);
}
