import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GiftEffect } from '../../../src/model/gift.js';
import { comboKey } from '../../../src/rules/gifts.js';
import {
  DEFAULT_GIFT_EFFECT_SETTINGS,
  effectComboKey,
  type GiftEffectChange,
  GiftEffectQueue,
  type GiftEffectSettings,
} from '../../../src/rules/gift-effects.js';

const T0 = 1_000;
const ROCKET = 'https://example.test/rocket.svga';

/** A banner gift (no animation) from `sender`; `animated` gives it a full-screen animation. */
function effect(sender: string, giftId = 'rose', overrides: Partial<GiftEffect> = {}): GiftEffect {
  return {
    giftId,
    name: giftId,
    count: 1,
    senderId: sender,
    senderName: sender.toUpperCase(),
    receiverId: 'bo',
    receiverName: 'Bo',
    ...overrides,
  };
}
const animated = (sender: string, giftId = 'rocket') => effect(sender, giftId, { animationUrl: ROCKET });

/** A queue with settings a test may change between calls, as the element's attributes can. */
function queue(overrides: Partial<GiftEffectSettings> = {}) {
  const settings: { -readonly [K in keyof GiftEffectSettings]: GiftEffectSettings[K] } = {
    ...DEFAULT_GIFT_EFFECT_SETTINGS,
    ...overrides,
  };
  return { q: new GiftEffectQueue(() => settings), settings };
}

/** Changes as short strings: `start:banner:a`, `end:fullscreen:dropped:d`, `merge:a×3`, `leave:a`. */
function brief(changes: readonly GiftEffectChange[]): string[] {
  return changes.map((c) => {
    const who = c.item.effect.senderId;
    if (c.kind === 'start') return `start:${c.mode}:${who}`;
    if (c.kind === 'end') return `end:${c.mode}:${c.outcome}:${who}`;
    if (c.kind === 'merge') return `merge:${who}×${c.item.combo}`;
    return `leave:${who}`;
  });
}

const lanes = (q: GiftEffectQueue) => q.banners.map((b) => b.effect.senderId);

describe('GiftEffectQueue: order', () => {
  it('starts nothing before pump; then the stage first, then up to maxBanners lanes, the rest waiting in order', () => {
    const { q } = queue();
    for (const e of [effect('a'), effect('b'), effect('c'), animated('d'), animated('e')])
      assert.deepEqual(q.play(e, T0), []);
    assert.equal(q.queued, 5);
    assert.deepEqual(brief(q.pump(T0)), ['start:fullscreen:d', 'start:banner:a', 'start:banner:b']);
    assert.deepEqual(lanes(q), ['a', 'b']);
    assert.equal(q.stage?.effect.senderId, 'd');
    assert.equal(q.queued, 2);
    assert.deepEqual(q.pump(T0), [], 'pump again: nothing is free');
  });

  it('a banner stays bannerDuration, slides out for leaveDuration, then the next waiting one takes its lane at once', () => {
    const { q } = queue({ maxBanners: 1, bannerDuration: 100, leaveDuration: 20 });
    q.play(effect('a'), T0);
    q.play(effect('b'), T0);
    q.pump(T0);
    assert.equal(q.nextDeadline(), T0 + 100);
    assert.deepEqual(q.advance(T0 + 99), []);
    assert.deepEqual(brief(q.advance(T0 + 100)), ['leave:a']);
    assert.equal(q.banners[0]?.leaving, true);
    assert.equal(q.nextDeadline(), T0 + 120);
    assert.deepEqual(brief(q.advance(T0 + 120)), ['end:banner:finished:a', 'start:banner:b']);
    assert.equal(q.banners[0]?.until, T0 + 220, "the new banner's time counts from when it started");
  });

  it('a late advance runs every phase that is due, earliest first', () => {
    const { q } = queue({ bannerDuration: 100, leaveDuration: 20 });
    q.play(effect('a'), T0);
    q.pump(T0);
    q.play(effect('b'), T0 + 50);
    q.pump(T0 + 50);
    // At T0 + 500 both banners are long over: a leaves first (100), ends (its leave counts from the advance), then b.
    assert.deepEqual(brief(q.advance(T0 + 500)), ['leave:a', 'leave:b']);
    assert.deepEqual(brief(q.advance(T0 + 520)), ['end:banner:finished:a', 'end:banner:finished:b']);
    assert.equal(q.nextDeadline(), undefined, 'nothing on screen, nothing due');
  });

  it('the stage stays with its animation until the caller ends it; the next full-screen effect waits for pump', () => {
    const { q } = queue();
    q.play(animated('a'), T0);
    q.play(animated('b'), T0);
    q.pump(T0);
    assert.equal(q.stage?.mode, 'fullscreen');
    assert.equal(q.nextDeadline(), undefined, 'an animation has no deadline here');
    assert.deepEqual(q.advance(T0 + 60_000), []);
    assert.deepEqual(brief(q.finishStage('finished')), ['end:fullscreen:finished:a']);
    assert.equal(q.stage, null);
    assert.deepEqual(brief(q.pump(T0 + 60_000)), ['start:fullscreen:b']);
  });

  it('a failed animation ends as failed and its gift shows as the next banner, ahead of waiting ones', () => {
    const { q } = queue({ maxBanners: 1 });
    q.play(animated('a'), T0);
    q.play(effect('b'), T0);
    q.play(effect('c'), T0);
    q.pump(T0);
    assert.deepEqual(lanes(q), ['b']);
    const stage = q.stage!;
    assert.deepEqual(brief(q.finishStage('failed')), ['end:fullscreen:failed:a']);
    assert.equal(q.queued, 2);
    q.finishStage('failed');
    assert.equal(q.queued, 2, 'the stage is already empty: nothing more falls back');
    // b leaves; the fallback (a new item with its own id) goes before c.
    q.advance(T0 + 3_200);
    const changes = q.advance(T0 + 3_460);
    assert.deepEqual(brief(changes), ['end:banner:finished:b', 'start:banner:a']);
    assert.notEqual(q.banners[0]!.id, stage.id);
    assert.equal(q.banners[0]!.fullscreen, false);
  });

  it('clear ends the waiting effects, the banners and the stage as cleared, and leaves nothing due', () => {
    const { q } = queue({ maxBanners: 1 });
    q.play(effect('a'), T0);
    q.play(effect('b'), T0);
    q.play(animated('c'), T0);
    q.play(animated('d'), T0);
    q.pump(T0);
    assert.deepEqual(brief(q.clear()), [
      'end:banner:cleared:b',
      'end:fullscreen:cleared:d',
      'end:banner:cleared:a',
      'end:fullscreen:cleared:c',
    ]);
    assert.deepEqual([q.queued, q.banners.length, q.stage, q.nextDeadline()], [0, 0, null, undefined]);
  });
});

describe('GiftEffectQueue: combos', () => {
  it('the same sender, gift and receiver within the window merge into one banner ×N that stays up from the last send', () => {
    const { q } = queue({ comboWindow: 3_000, bannerDuration: 3_200 });
    q.play(effect('a'), T0);
    q.pump(T0);
    assert.deepEqual(brief(q.play(effect('a'), T0 + 1_000)), ['merge:a×2']);
    assert.deepEqual(
      brief(q.play(effect('a', 'rose', { count: 10 }), T0 + 4_000)),
      ['merge:a×12'],
      'the window counts from the last send',
    );
    assert.equal(q.banners.length, 1);
    assert.equal(q.banners[0]!.bump, 2);
    assert.equal(q.merged, 2);
    assert.equal(q.nextDeadline(), T0 + 4_000 + 3_200);
  });

  it('a send just past the window, or from another sender, gift or receiver, is its own effect', () => {
    const { q } = queue({ comboWindow: 3_000 });
    q.play(effect('a'), T0);
    q.pump(T0);
    assert.deepEqual(q.play(effect('a'), T0 + 3_001), []);
    assert.deepEqual(q.play(effect('b'), T0 + 3_001), []);
    assert.deepEqual(q.play(effect('a', 'star'), T0 + 3_001), []);
    assert.deepEqual(q.play(effect('a', 'rose', { receiverId: 'cy', receiverName: 'Cy' }), T0 + 3_001), []);
    assert.equal(q.merged, 0);
    assert.equal(q.queued + q.banners.length, 5);
  });

  it('at the window edge it still merges', () => {
    const { q } = queue({ comboWindow: 3_000 });
    q.play(effect('a'), T0);
    assert.deepEqual(brief(q.play(effect('a'), T0 + 3_000)), ['merge:a×2'], 'a waiting effect takes combos too');
  });

  it('merges into the stage, but never into a banner that is sliding out', () => {
    const { q } = queue({ bannerDuration: 100, comboWindow: 3_000 });
    q.play(animated('a'), T0);
    q.play(effect('b'), T0);
    q.pump(T0);
    assert.deepEqual(brief(q.play(animated('a'), T0 + 10)), ['merge:a×2']);
    q.advance(T0 + 100);
    assert.equal(q.banners[0]!.leaving, true);
    assert.deepEqual(q.play(effect('b'), T0 + 110), [], 'a new banner, not a merge');
    assert.equal(q.queued, 1);
  });

  it("takes the store's combo when it is ahead (it counted sends from every client), else adds the count", () => {
    const { q } = queue();
    q.play(effect('a', 'rose', { combo: 1 }), T0);
    q.play(effect('a', 'rose', { count: 1, combo: 5 }), T0 + 10);
    assert.equal(q.banners.length + q.queued, 1);
    q.pump(T0 + 10);
    assert.equal(q.banners[0]!.combo, 5);
    q.play(effect('a', 'rose', { count: 2, combo: 2 }), T0 + 20);
    assert.equal(q.banners[0]!.combo, 7, 'combo not above count: the count adds');
  });

  it('an effect without IDs keys its combo by names; with IDs, by the same key the store uses', () => {
    const named = { name: 'Rose', count: 1, senderName: 'Ann', receiverName: 'Bo' };
    assert.equal(effectComboKey(named), effectComboKey({ ...named, count: 5 }));
    assert.notEqual(effectComboKey(named), effectComboKey({ ...named, senderName: 'Al' }));
    const user = (userId: string) => ({ userId, userName: userId });
    assert.equal(
      effectComboKey(effect('a')),
      comboKey({ sender: user('a'), receiver: user('bo'), gift: { giftId: 'rose' } }),
    );
  });
});

describe('GiftEffectQueue: the storm cap', () => {
  it('beyond maxQueue the oldest waiting banner is dropped for the newcomer', () => {
    const { q } = queue({ maxQueue: 3 });
    for (const s of ['a', 'b', 'c']) q.play(effect(s), T0);
    assert.deepEqual(brief(q.play(effect('d'), T0)), ['end:banner:dropped:a']);
    assert.equal(q.queued, 3);
    assert.equal(q.dropped, 1);
    q.pump(T0);
    assert.deepEqual(lanes(q), ['b', 'c']);
  });

  it('with only full-screen effects waiting, a full-screen newcomer drops the oldest; a banner newcomer is itself dropped', () => {
    const { q } = queue({ maxQueue: 2, maxFullscreenQueue: 5 });
    q.play(animated('a'), T0);
    q.play(animated('b'), T0);
    assert.deepEqual(brief(q.play(animated('c'), T0)), ['end:fullscreen:dropped:a']);
    assert.deepEqual(brief(q.play(effect('d'), T0)), ['end:banner:dropped:d']);
    assert.equal(q.dropped, 2);
    q.pump(T0);
    assert.equal(q.stage?.effect.senderId, 'b');
  });

  it('full-screen effects beyond maxFullscreenQueue wait as banners', () => {
    const { q } = queue({ maxFullscreenQueue: 1 });
    q.play(animated('a'), T0);
    q.play(animated('b'), T0);
    assert.deepEqual(brief(q.pump(T0)), ['start:fullscreen:a', 'start:banner:b']);
  });

  it('500 sends keep the queue and the lanes bounded, and every send is shown, merged or dropped', () => {
    const { q } = queue();
    let started = 0;
    for (let i = 0; i < 500; i++) {
      const e = i % 7 === 0 ? animated(`u${i}`) : i % 5 === 0 ? effect('fan') : effect(`u${i}`);
      for (const change of [...q.play(e, T0 + i), ...q.pump(T0 + i)]) if (change.kind === 'start') started += 1;
      assert.ok(q.queued <= DEFAULT_GIFT_EFFECT_SETTINGS.maxQueue);
      assert.ok(q.banners.length <= DEFAULT_GIFT_EFFECT_SETTINGS.maxBanners);
    }
    assert.equal(started + q.queued + q.dropped + q.merged, 500);
  });
});

describe('GiftEffectQueue: reduced motion', () => {
  it('a full-screen gift shows as a still card for stillDuration, then the stage frees', () => {
    const { q } = queue({ reducedMotion: true, stillDuration: 500 });
    q.play(animated('a'), T0);
    q.play(animated('b'), T0);
    assert.deepEqual(brief(q.pump(T0)), ['start:still:a']);
    assert.equal(q.nextDeadline(), T0 + 500);
    assert.deepEqual(brief(q.advance(T0 + 500)), ['end:still:finished:a']);
    assert.deepEqual(brief(q.pump(T0 + 500)), ['start:still:b']);
  });

  it('banners leave without sliding: the lane frees in the same advance', () => {
    const { q } = queue({ reducedMotion: true, maxBanners: 1, bannerDuration: 100 });
    q.play(effect('a'), T0);
    q.play(effect('b'), T0);
    q.pump(T0);
    assert.deepEqual(brief(q.advance(T0 + 100)), ['leave:a', 'end:banner:finished:a', 'start:banner:b']);
  });

  it('the setting is read on every call: turning reduced motion on mid-stream applies to the next stage', () => {
    const { q, settings } = queue();
    q.play(animated('a'), T0);
    q.play(animated('b'), T0);
    assert.deepEqual(brief(q.pump(T0)), ['start:fullscreen:a']);
    settings.reducedMotion = true;
    q.finishStage('finished');
    assert.deepEqual(brief(q.pump(T0)), ['start:still:b']);
  });
});
