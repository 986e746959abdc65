export * from './pending-key.js';
export * from './room.js';
export * from './store.js';
export * from './room-directory.js';
