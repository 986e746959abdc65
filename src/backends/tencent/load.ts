import type { EngineClass, EngineSdk } from './engine-sdk.js';

// The only place the vendor SDK is referenced by value, and only through import(): bundlers turn it into a separate
// chunk (with the Chat and TRTC SDKs it brings) that loads when a Tencent backend first signs in.

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
