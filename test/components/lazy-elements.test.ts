import { expect } from '@open-wc/testing';
import { loadElements } from '../../components/index.js';
import { lazyElements } from '../../components/base/lazy-elements.js';
import { until } from './helpers.js';

// The components entry defines the elements that open on demand, and those of a room's live view, lazily
// (components/base/lazy-elements.ts): a page that uses one directly still gets it defined, wherever it put it.
const lazy = [
  'vr-gift-panel',
  'vr-seat-requests',
  'vr-room-list',
  'vr-live-info',
  'vr-audience-list',
  'vr-like-button',
  'vr-barrage',
  'vr-gift-player',
];
// Right after the import, before any task ran (the idle loader waits for a task after the page loaded).
const definedAtImport = lazy.filter((tag) => customElements.get(tag) !== undefined);

describe('lazy elements', () => {
  it('are not defined by importing the entry, while the eager ones are', () => {
    expect(definedAtImport).to.deep.equal([]);
    for (const tag of ['vr-room', 'vr-seat-grid', 'vr-seat'])
      expect(customElements.get(tag), tag).to.not.equal(undefined);
  });

  it('one put into the document is defined and upgrades in place, keeping a property set before', async () => {
    const list = document.createElement('vr-room-list') as HTMLElement & { headingLevel?: number };
    list.headingLevel = 3;
    document.body.append(list);
    await until(() => customElements.get('vr-room-list') !== undefined, 'vr-room-list is defined');
    await until(() => list.shadowRoot !== null, 'the element in the page upgraded');
    expect(list.headingLevel).to.equal(3);
    list.remove();
  });

  it('one inside a page’s own shadow root is defined too, and loadElements() defines every one', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const panel = document.createElement('vr-gift-panel');
    host.attachShadow({ mode: 'open' }).append(panel);
    await loadElements();
    for (const tag of lazy) expect(customElements.get(tag), tag).to.not.equal(undefined);
    await until(() => panel.shadowRoot !== null, 'the panel in the foreign shadow root upgraded');
    host.remove();
  });

  it('one whose fetch failed is asked for again by the next key press, never by the failure alone', async () => {
    let calls = 0;
    let failing = true;
    lazyElements({
      'vr-lazy-probe': () => {
        calls += 1;
        if (failing) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
        customElements.define('vr-lazy-probe', class extends HTMLElement {});
        return Promise.resolve();
      },
    });
    const probe = document.createElement('vr-lazy-probe');
    document.body.append(probe);
    try {
      await until(() => calls >= 1, 'asked for on sight');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the idle load of every lazy tag may ask once more
      const asked = calls;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls, 'no fetch loop while it fails').to.equal(asked);
      expect(customElements.get('vr-lazy-probe')).to.equal(undefined);
      failing = false;
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      await until(() => customElements.get('vr-lazy-probe') !== undefined, 'defined once asked again');
      expect(probe.matches(':defined'), 'the one on the page upgraded').to.equal(true);
    } finally {
      probe.remove();
    }
  });
});
