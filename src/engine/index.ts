export * from './room-engine.js';
