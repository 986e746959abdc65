import { IDLE_DISMISS_MS, RoomEngine, type RoomEngineOptions } from '../../engine/room-engine.js';

/**
 * The memory backend's server is the room engine itself, run in-process with no persistence: the same code the local
 * server runs behind WebSocket and SQLite.
 */
export { RoomEngine as MemoryServer, type EngineSession as MemorySession } from '../../engine/room-engine.js';
export type MemoryServerOptions = Omit<RoomEngineOptions, 'persistence' | 'initial'>;

/** Rooms nobody has been in for IDLE_DISMISS_MS are dismissed, as on the local server (`idleDismissal` overrides). */
export function createMemoryServer(options?: MemoryServerOptions): RoomEngine {
  return new RoomEngine({ idleDismissal: { afterMs: IDLE_DISMISS_MS }, ...options });
}
