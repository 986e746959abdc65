/**
 * The domain without any runtime dependency: model types and the pure rules. The server imports this (never the
 * store, which brings rxjs), so the Node side and the browser side share the rules and nothing else. Published as
 * `voiceroom-kit/core` for code that runs the rules itself (reducers such as `takeSeat(state, …)`, `applyBatch`,
 * the persistent map); a page uses the room API of the root entry instead.
 */
export * from './model/index.js';
export * from './rules/index.js';
