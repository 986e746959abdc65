export * from './room-engine.js';
export * from './memory-persistence.js';
