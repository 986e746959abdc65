import { expect } from '@open-wc/testing';
import type { Gift } from '../../src/model/gift.js';

// The project's own gift effects (server/gifts/, served at /gifts/* by the test server) parse and play to
// the end in the real svgaplayerweb, with no console noise and actual pixels on the canvas.

type SvgaModule = typeof import('svgaplayerweb');
type VideoItem = InstanceType<SvgaModule['VideoEntity']> & { sprites: unknown[]; images: Record<string, string> };

async function loadSvga(): Promise<SvgaModule> {
  // A UMD bundle wrapped as an ES module (see scripts/wtr-plugins.mjs): the namespace is the default export.
  const mod = await import('svgaplayerweb');
  return (mod as { default?: SvgaModule }).default ?? mod;
}

/** Collects console warnings and errors (and uncaught errors) until `stop()`. */
function watchConsole(): { problems: string[]; stop: () => void } {
  const problems: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => {
    problems.push(`warn: ${args.map(String).join(' ')}`);
    warn.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    problems.push(`error: ${args.map(String).join(' ')}`);
    error.apply(console, args);
  };
  const onError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);
  window.addEventListener('error', onError);
  return {
    problems,
    stop: () => {
      console.warn = warn;
      console.error = error;
      window.removeEventListener('error', onError);
    },
  };
}

function opaquePixels(canvas: HTMLCanvasElement): number {
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 16) count += 1;
  return count;
}

const catalog = (await (await fetch('/gifts/catalog.json')).json()) as Gift[];
const animated = catalog.filter(
  (gift): gift is Gift & { animationUrl: string } => typeof gift.animationUrl === 'string',
);

describe('generated SVGA gift effects in svgaplayerweb', () => {
  it('the demo catalog has at least four full-screen effects', () => {
    expect(animated.length).to.be.at.least(4);
  });

  for (const gift of animated) {
    it(`${gift.giftId}: parses with the player's parser and plays to onFinished`, async function () {
      this.timeout(60_000);
      const SVGA = await loadSvga();
      const watch = watchConsole();
      const canvas = document.createElement('canvas');
      canvas.width = 375;
      canvas.height = 667;
      canvas.style.cssText = 'width: 375px; height: 667px; display: block;';
      document.body.append(canvas);
      try {
        const item = await new Promise<VideoItem>((resolve, reject) =>
          new SVGA.Parser().load(gift.animationUrl, (v) => resolve(v as VideoItem), reject),
        );
        expect(item.videoSize).to.deep.equal({ width: 750, height: 1334 });
        expect(item.FPS).to.equal(30);
        expect(item.frames / item.FPS).to.be.within(2, 3);
        expect(item.sprites.length).to.be.greaterThan(0);
        // The parser hands images over as base64 PNG (it recognises them by the "iVBO" prefix).
        for (const [key, src] of Object.entries(item.images)) expect(src.startsWith('iVBO'), key).to.equal(true);

        const player = new SVGA.Player(canvas);
        player.loops = 1;
        player.clearsAfterStop = false;
        const middle = Math.floor(item.frames / 2);
        let pixelsMidway = -1;
        let lastFrame = -1;
        player.onFrame((frame) => {
          lastFrame = frame;
          if (pixelsMidway < 0 && frame >= middle) pixelsMidway = opaquePixels(canvas);
        });
        const started = performance.now();
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no onFinished after 15 s (last frame ${lastFrame})`)),
            15_000,
          );
          player.onFinished(() => {
            clearTimeout(timer);
            resolve();
          });
          player.setVideoItem(item);
          player.startAnimation();
        });
        const elapsed = (performance.now() - started) / 1000;
        expect(lastFrame).to.equal(item.frames - 1);
        // It played in real time, not instantly.
        expect(elapsed).to.be.at.least((item.frames / item.FPS) * 0.8);
        expect(pixelsMidway, 'non-transparent pixels mid-animation').to.be.greaterThan(2_000);
        player.stopAnimation(true);
        player.clear();
        expect(watch.problems).to.deep.equal([]);
      } finally {
        watch.stop();
        canvas.remove();
      }
    });
  }

  it('icons for every gift load as images', async () => {
    for (const gift of catalog) {
      const img = new Image();
      img.src = gift.iconUrl;
      await img.decode();
      expect(img.naturalWidth, gift.giftId).to.equal(96);
    }
  });
});
