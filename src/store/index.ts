export * from './room.js';
export * from './store.js';
