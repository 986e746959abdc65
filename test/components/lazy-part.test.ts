import { expect } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { LazyPart, type PartModule } from '../../components/controllers/lazy-part.js';
import { until } from './helpers.js';

/** A host with one lazy part whose importer counts its calls. */
class PartHost extends LitElement {
  calls = 0;
  readonly lazy = new LazyPart<PartModule>(this, () => {
    this.calls += 1;
    return Promise.resolve({ styles: css`` });
  });
}
customElements.define('vr-test-part-host', PartHost);

/** Resolves once the browser ran its idle callbacks (an idle prefetch has had its chance by then). */
async function idleTasksRan(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }));
}

describe('LazyPart', () => {
  it('fetches a part when the browser is idle, once', async () => {
    const host = document.createElement('vr-test-part-host') as PartHost;
    document.body.append(host);
    host.lazy.prefetchWhenIdle();
    host.lazy.prefetchWhenIdle();
    await until(() => host.lazy.module !== undefined, 'the part arrived');
    expect(host.calls).to.equal(1);
    host.remove();
  });

  // An update still pending when an element leaves the page runs after its hostDisconnected: a prefetch it asks for
  // then had nothing left to cancel it, and fetched for a page that no longer showed the element (under load it
  // landed in the next test of a file).
  it('fetches nothing for a host off the page: never attached, removed before idle, or asking once removed', async () => {
    const never = document.createElement('vr-test-part-host') as PartHost;
    never.lazy.prefetchWhenIdle();

    const removed = document.createElement('vr-test-part-host') as PartHost;
    document.body.append(removed);
    removed.lazy.prefetchWhenIdle();
    removed.remove();

    const late = document.createElement('vr-test-part-host') as PartHost;
    document.body.append(late);
    late.remove();
    late.lazy.prefetchWhenIdle();

    await idleTasksRan();
    expect([never.calls, removed.calls, late.calls]).to.deep.equal([0, 0, 0]);
    expect(late.lazy.prefetchPending, 'nothing scheduled').to.equal(false);

    document.body.append(late);
    late.lazy.prefetchWhenIdle();
    await until(() => late.lazy.module !== undefined, 'back on the page, it fetches when idle');
    expect(late.calls).to.equal(1);
    late.remove();
  });
});
