import { expect } from '@open-wc/testing';
import type { VrGiftEffectEndEvent, VrGiftPlayer } from '../../components/index.js';
import type { CspPage } from '../csp-pages/gift-player-page.js';
import { until } from './helpers.js';

// Issue 15: gift effects play under the local server's Content-Security-Policy — no 'unsafe-eval', no
// `connect-src data: blob:` — worker path included, and nothing on the way is blocked. The page is served with
// that policy by web-test-runner (cspPagesMiddleware) and driven from here through the iframe.

type PageWindow = Window & typeof globalThis & CspPage;

function opaque(canvas: HTMLCanvasElement): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 16) count += 1;
  return count;
}

describe('<vr-gift-player> under a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement;
  let win: PageWindow;

  before(async function () {
    this.timeout(120_000);
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 375px; height: 667px; border: 0;';
    frame.src = '/test/csp-pages/gift-player.html';
    document.body.append(frame);
    await until(
      () => (frame.contentWindow as PageWindow | null)?.ready === true,
      'the CSP page loaded the kit',
      90_000,
    );
    win = frame.contentWindow as PageWindow;
  });

  after(() => frame.remove());

  it('the page really runs under the policy: eval is refused and reported', async () => {
    const before = win.violations.length;
    expect(() => win.eval('1 + 1')).to.throw();
    // The violation event is queued as a task.
    await until(() => win.violations.length > before, 'the listener sees the violation');
    expect(win.violations.at(-1)).to.match(/^script-src/);
    win.violations.splice(before);
  });

  for (const [what, url] of [
    ['an SVGA 2.0 catalog effect', '/gifts/heart-burst.svga'],
    ['an SVGA 1.x (zip) effect', '/test/fixtures/svga-1x.svga'],
    ['an SVGA 2.0 effect with a sound track', '/test/fixtures/svga-audio.svga'],
  ] as const) {
    it(`plays ${what} to the end, drawn, with no violation`, async function () {
      this.timeout(90_000);
      const el = win.document.createElement('vr-gift-player') as VrGiftPlayer;
      win.document.getElementById('stage')!.append(el);
      const ends: VrGiftEffectEndEvent['detail'][] = [];
      el.addEventListener('vr-gift-effect-end', (e) => ends.push((e as VrGiftEffectEndEvent).detail));
      try {
        // The first load in this page imports svgaplayerweb and starts the worker in a fresh realm: on a loaded
        // machine that can pass the player's 8 s load limit, which is not what this test is about.
        el.loadTimeout = 600_000;
        // Likewise the worker's reply limit (10 s): a worker that starts cold in a starved page would be given up
        // and the file decoded on the main thread (the last test), where this one checks the worker's decode.
        win.loader.svgaWorkerLimits.replyTimeoutMs = 120_000;
        // Pixels are sampled on every animation frame, the player's own cadence, not by polling: on a starved
        // machine a short effect can play through between two polls (a proof run caught it 'finished' before any
        // poll saw it 'playing').
        let drawn = 0;
        let sampling = true;
        const sample = () => {
          const canvas = el.shadowRoot?.querySelector('canvas');
          if (canvas && canvas.width > 0) drawn = Math.max(drawn, opaque(canvas));
          if (sampling) win.requestAnimationFrame(sample);
        };
        win.requestAnimationFrame(sample);
        el.play({ name: 'Effect', animationUrl: url, count: 1, senderName: 'Ann', receiverName: 'Bo' });
        try {
          await until(() => ends.length === 1, 'the end', 60_000);
        } finally {
          sampling = false;
        }
        expect(ends[0], `not refused; violations: ${win.violations.join(' | ')}`).to.include({
          mode: 'fullscreen',
          outcome: 'finished',
        });
        expect(drawn, 'pixels on the canvas while it played').to.be.greaterThan(500);
        // Decoded in the worker: the movie carries ImageBitmaps, not base64 PNGs.
        expect(win.loader.svgaBitmaps(win.loader.cachedSvga(url)!), 'worker-decoded').to.exist;
        expect(win.violations.join('\n')).to.equal('');
      } finally {
        el.remove();
      }
    });
  }

  it('plays a 2.0 effect with no worker, decoded on the main thread, with no violation', async function () {
    // A worker that is missing, died or did not answer in time (a busy machine) once sent a 2.0 file to
    // svgaplayerweb's parser, whose generated decoders this policy refuses (no 'unsafe-eval'): the gift never played.
    this.timeout(90_000);
    const before = win.violations.length;
    const worker = win.Worker;
    win.loader.stopSvgaWorker();
    win.loader.clearSvgaCache();
    win.Worker = undefined as unknown as typeof Worker;
    const el = win.document.createElement('vr-gift-player') as VrGiftPlayer;
    el.loadTimeout = 600_000;
    win.document.getElementById('stage')!.append(el);
    const ends: VrGiftEffectEndEvent['detail'][] = [];
    el.addEventListener('vr-gift-effect-end', (e) => ends.push((e as VrGiftEffectEndEvent).detail));
    try {
      const url = '/gifts/heart-burst.svga';
      el.play({ name: 'Effect', animationUrl: url, count: 1, senderName: 'Ann', receiverName: 'Bo' });
      await until(() => ends.length === 1, 'the end', 60_000);
      expect(ends[0], `not refused; violations: ${win.violations.join(' | ')}`).to.include({
        mode: 'fullscreen',
        outcome: 'finished',
      });
      expect(win.loader.svgaBitmaps(win.loader.cachedSvga(url)!), 'decoded by the kit').to.exist;
      expect(win.violations.slice(before).join('\n')).to.equal('');
    } finally {
      el.remove();
      win.Worker = worker;
      win.loader.stopSvgaWorker();
      win.loader.clearSvgaCache();
    }
  });
});
