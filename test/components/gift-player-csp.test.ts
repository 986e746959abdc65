import { expect } from '@open-wc/testing';
import { clearSvgaCache, loadSvga, stopSvgaWorker } from '../../components/gift-player/svga-loader.js';
import type { Gift } from '../../src/index.js';

// Under a page's strict Content Security Policy (the local server's: `connect-src 'self'`, no blob:), a gift whose
// worker cannot decode it (no worker, a worker that died or did not answer in time on a busy machine) still plays:
// the main-thread parser reads the file from its own URL, which the policy already allowed for the download, not
// from a blob: URL the policy refuses. Its own file: the policy stays on this page once set.

const catalog = (await (await fetch('/gifts/catalog.json')).json()) as Gift[];
const animated = catalog.filter(
  (gift): gift is Gift & { animationUrl: string } => typeof gift.animationUrl === 'string',
);

describe('gift effects under a strict Content Security Policy', () => {
  it("plays a file the worker could not read, parsed on the main thread from its own URL (connect-src 'self')", async function () {
    this.timeout(60_000);
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "connect-src 'self'";
    document.head.append(meta);
    const refused: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => refused.push(e.blockedURI));
    // No worker on this page: the loader goes straight to the main thread.
    const real = window.Worker;
    stopSvgaWorker();
    clearSvgaCache();
    window.Worker = undefined as unknown as typeof Worker;
    try {
      const video = (await loadSvga(animated[0]!.animationUrl)) as unknown as { images: Record<string, string> };
      expect(Object.keys(video.images).length).to.be.greaterThan(0);
      expect(refused, 'nothing the policy refused').to.deep.equal([]);
    } finally {
      window.Worker = real;
      stopSvgaWorker();
      clearSvgaCache();
    }
  });
});
