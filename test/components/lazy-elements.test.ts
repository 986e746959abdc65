import { expect } from '@open-wc/testing';
import { loadElements } from '../../components/index.js';
import { until } from './helpers.js';

// The components entry defines the elements that open on demand lazily (components/base/lazy-elements.ts): a page
// that uses one directly still gets it defined, wherever it put it.
const lazy = ['vr-gift-panel', 'vr-seat-requests', 'vr-room-list'];
// Right after the import, before any task ran (the idle loader waits for a task after the page loaded).
const definedAtImport = lazy.filter((tag) => customElements.get(tag) !== undefined);

describe('lazy elements', () => {
  it('are not defined by importing the entry, while the eager ones are', () => {
    expect(definedAtImport).to.deep.equal([]);
    for (const tag of ['vr-room', 'vr-seat-grid', 'vr-barrage', 'vr-gift-player'])
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
});
