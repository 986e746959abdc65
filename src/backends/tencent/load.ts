import type { ChatFactory, ChatSdk, TrtcFactory } from './sdk-types.js';
import type { EngineClass, EngineSdk } from './engine-sdk.js';

// The only place the vendor SDKs are referenced by value, and only through import(): bundlers turn each into a
// separate chunk that loads when a Tencent backend first needs it. The ESM builds are used because the package
// roots are UMD/CJS files (TOOLCHAIN.md, Tencent SDKs).

/** trtc-sdk-v5's ESM build, loaded on first use. */
export async function loadTrtc(): Promise<TrtcFactory> {
  const module = await import('trtc-sdk-v5/trtc.esm.js');
  // The package typings describe TRTC with `declare const enum`s; the adapter needs only the structural slice.
  return module.default as unknown as TrtcFactory;
}

/** The Chat slim build with the group, follow and signalling plugins, loaded on first use. */
export async function loadChat(): Promise<ChatSdk> {
  const [chat, group, follow, signaling] = await Promise.all([
    import('@tencentcloud/chat/index.es.js'),
    import('@tencentcloud/chat/modules/group-module.js'),
    import('@tencentcloud/chat/modules/follow-module.js'),
    import('@tencentcloud/chat/modules/signaling-module.js'),
  ]);
  return {
    // `create({ SDKAppID, modules })` is how the slim build is created; its typings lack `modules`.
    TencentCloudChat: chat.default as unknown as ChatFactory,
    modules: { 'group-module': group.default, 'follow-module': follow.default, 'signaling-module': signaling.default },
  };
}

/**
 * The RoomEngine web SDK (it brings its own Chat and TRTC), loaded on first use. The assignment to `EngineClass`
 * is the compile-time check that the real SDK still has every method the backend calls, with the same arguments.
 */
export async function loadEngine(): Promise<EngineSdk> {
  const module = await import('@tencentcloud/tuiroom-engine-js');
  // Under NodeNext the package's CommonJS-flavoured typings put the class at `default.default`; a bundler's ESM
  // build has it at `default`. Both are the same class.
  const typed: EngineClass = module.default.default;
  return { TUIRoomEngine: typed ?? (module.default as unknown as EngineClass) };
}
