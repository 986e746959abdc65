export {
  MemoryBackend,
  createMemoryBackend,
  defaultMemoryServer,
  type MemoryBackendOptions,
} from './memory-backend.js';
export { MemoryServer, createMemoryServer, type MemoryServerOptions } from './memory-server.js';
export { createManualClock, type ManualClock } from '../../model/clock.js';
