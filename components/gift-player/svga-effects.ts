// What <vr-gift-player> loads lazily for full-screen effects: one chunk, fetched with the first effect or preload.
export { cachedSvga, loadSvga, loadSvgaModule, showSvga, svgaSounds } from './svga-loader.js';
export { EffectSound } from './svga-sound.js';
