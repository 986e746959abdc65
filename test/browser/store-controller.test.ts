import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { StoreController } from '../../components/controllers/store-controller.js';

// A minimal element of the shape every vr-* element uses: one controller, render from `value`.
// The decorator also proves the toolchain compiles Lit's TS decorators (experimentalDecorators) here.
class VrTestCounter extends LitElement {
  @property({ attribute: false }) source: Observable<number> | undefined;
  readonly store = new StoreController<number>(this, () => this.source, -1);

  override render() {
    return html`<span>${this.store.value}</span>`;
  }
}
customElements.define('vr-test-counter', VrTestCounter);

function text(el: VrTestCounter): string {
  return el.shadowRoot?.querySelector('span')?.textContent ?? '';
}

async function mount(source: Observable<number>): Promise<VrTestCounter> {
  // Set the source before the element connects, as a parent template binding `.room=${room}` would.
  const el = document.createElement('vr-test-counter') as VrTestCounter;
  el.source = source;
  return fixture<VrTestCounter>(el);
}

describe('StoreController', () => {
  it('renders the current value of a BehaviorSubject', async () => {
    const el = await mount(new BehaviorSubject(7));
    expect(text(el)).to.equal('7');
  });

  it('re-renders when the observable emits', async () => {
    const subject = new BehaviorSubject(1);
    const el = await mount(subject);
    subject.next(2);
    await el.updateComplete;
    expect(text(el)).to.equal('2');
  });

  it('shows the initial value until a source emits', async () => {
    const subject = new Subject<number>();
    const el = await mount(subject);
    expect(text(el)).to.equal('-1');
    subject.next(5);
    await el.updateComplete;
    expect(text(el)).to.equal('5');
  });

  it('leaves no subscriber behind after 100 mounts and removals', async () => {
    const subject = new BehaviorSubject(0);
    for (let i = 0; i < 100; i += 1) {
      const el = await mount(subject);
      expect(subject.observed).to.equal(true);
      el.remove();
    }
    expect(subject.observed).to.equal(false);
  });

  it('resubscribes when re-attached to the page', async () => {
    const subject = new BehaviorSubject(1);
    const el = await mount(subject);
    const parent = el.parentElement!;
    el.remove();
    subject.next(2);
    parent.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('2');
    expect(subject.observed).to.equal(true);
  });

  it('switches sources with setSource and drops the old subscription', async () => {
    const first = new BehaviorSubject(1);
    const second = new BehaviorSubject(20);
    const el = await mount(first);
    el.store.setSource(second);
    await el.updateComplete;
    expect(text(el)).to.equal('20');
    expect(first.observed).to.equal(false);
    first.next(3);
    await el.updateComplete;
    expect(text(el)).to.equal('20');
    el.remove();
    expect(second.observed).to.equal(false);
  });

  it('keeps decorated reactive properties working (legacy decorators, no class-field shadowing)', async () => {
    const el = await mount(new BehaviorSubject(1));
    // With useDefineForClassFields the field would shadow the accessor and this update would never happen.
    const updated = el.updateComplete;
    el.source = new BehaviorSubject(9);
    el.store.refresh();
    await updated;
    await el.updateComplete;
    expect(el.constructor.name).to.equal('VrTestCounter');
    expect((el.constructor as typeof LitElement).elementProperties.has('source')).to.equal(true);
    expect(text(el)).to.equal('9');
  });

  it('follows a getter source after refresh()', async () => {
    const first = new BehaviorSubject(1);
    const second = new BehaviorSubject(2);
    const el = await mount(first);
    el.source = second;
    el.store.refresh();
    await el.updateComplete;
    expect(text(el)).to.equal('2');
    expect(first.observed).to.equal(false);
  });
});
