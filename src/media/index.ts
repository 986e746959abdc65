export * from './devices.js';
export * from './errors.js';
export * from './microphone.js';
export * from './playback.js';
