// Entry for `voiceroom-kit/components`: importing it registers every vr-* element (listed in package.json
// "sideEffects"), and re-exports the building blocks for people writing their own elements.
export { roomContext, type RoomLike } from './context.js';
export { StoreController, type StoreSource } from './controllers/store-controller.js';
