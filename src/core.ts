/**
 * The domain without any runtime dependency: model types and the pure rules. The server imports this (never the
 * store, which brings rxjs), so the Node side and the browser side share the rules and nothing else.
 */
export * from './model/index.js';
export * from './rules/index.js';
