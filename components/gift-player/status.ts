import type { GiftEffect } from '../../src/index.js';

// The gift player's public types, apart from the element so its file stays the element.

/** An effect to play: the store's `GiftEffect`, optionally with the sender's avatar. */
export type PlayableEffect = GiftEffect & { readonly senderAvatarUrl?: string };

/** What the player is doing, for tests, benchmarks and products that want to wait for quiet. */
export interface GiftPlayerStatus {
  /** Effects waiting for a lane or the stage. */
  readonly queued: number;
  /** Banners on screen (including ones sliding out). */
  readonly banners: number;
  readonly stage: 'idle' | 'loading' | 'playing' | 'still';
  /** Effects dropped by the storm cap since the player connected. */
  readonly dropped: number;
  /** Effects merged into a running or queued combo since the player connected. */
  readonly merged: number;
  /** Pending timers, idle callbacks and running SVGA animations: 0 when the player is quiet. */
  readonly timers: number;
  /** An svgaplayerweb Player exists (it is released on disconnect). */
  readonly player: boolean;
  /** Sound tracks of the running effect scheduled or playing (Web Audio; 0 when silent or blocked by autoplay). */
  readonly sounds: number;
  /** The code that draws effects is there (fetched when idle or by the first effect; effects wait for it). */
  readonly ready: boolean;
}
