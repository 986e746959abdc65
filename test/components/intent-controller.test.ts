// The one intent → command → busy → error path every element uses, on a tiny element of its own, timed by a manual
// clock so "the message goes after ERROR_VISIBLE_MS" needs no waiting.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ERROR_VISIBLE_MS, IntentController } from '../../components/controllers/intent-controller.js';
import { type VrCommandErrorEvent, setLocale } from '../../components/index.js';
import { createManualClock } from '../../src/backends/memory/index.js';
import { ErrorCode, RoomError, errorMessage } from '../../src/index.js';
import { until } from './helpers.js';

const clock = createManualClock();

class IntentProbe extends LitElement {
  readonly commands = new IntentController(this, { clock: () => clock });

  protected override render() {
    return html`<span class="busy">${this.commands.busy('save') ? 'busy' : 'idle'}</span>
      <p role="alert">${this.commands.render({ error: ({ code, message }) => html`<span class="error" data-code=${code}>${message}</span>` })}</p>`;
  }
}
customElements.define('vr-intent-probe', IntentProbe);

const shown = (el: IntentProbe) => el.shadowRoot!.querySelector('.error');
const intent = () => new CustomEvent('vr-probe-save', { bubbles: true, composed: true, cancelable: true });

/** A command the test settles by hand. */
function gate() {
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

describe('IntentController', () => {
  beforeEach(() => setLocale('en'));

  it('a prevented intent stops there: no command, nothing busy', async () => {
    const el = await fixture<IntentProbe>(html`<vr-intent-probe></vr-intent-probe>`);
    el.addEventListener('vr-probe-save', (event) => event.preventDefault());
    let ran = false;
    const outcome = await el.commands.run('save', { intent, command: async () => void (ran = true) });
    expect(outcome.status).to.equal('prevented');
    expect(ran).to.equal(false);
    expect(el.commands.busy()).to.equal(false);
  });

  it('keeps the key busy while the command runs, and the host re-renders both ways', async () => {
    const el = await fixture<IntentProbe>(html`<vr-intent-probe></vr-intent-probe>`);
    const command = gate();
    const run = el.commands.run('save', { intent, command: () => command.promise });
    await until(() => el.shadowRoot!.querySelector('.busy')?.textContent === 'busy', 'busy shown');
    expect(el.commands.busy('save')).to.equal(true);
    expect(el.commands.busy('other')).to.equal(false);
    command.resolve();
    expect((await run).status).to.equal('complete');
    await until(() => el.shadowRoot!.querySelector('.busy')?.textContent === 'idle', 'idle shown');
    expect(el.commands.busy()).to.equal(false);
  });

  it('shows a failure for ERROR_VISIBLE_MS and fires one vr-command-error with the code', async () => {
    const el = await fixture<IntentProbe>(html`<div><vr-intent-probe></vr-intent-probe></div>`).then(
      (d) => d.firstElementChild as IntentProbe,
    );
    const fired: VrCommandErrorEvent[] = [];
    // Listened for on the parent: the event bubbles.
    el.parentElement!.addEventListener('vr-command-error', (event) => fired.push(event));
    const outcome = await el.commands.run('save', {
      intent,
      command: () => Promise.reject(new RoomError(ErrorCode.SEAT_LOCKED, 'locked')),
    });
    expect(outcome.status).to.equal('error');
    expect(fired.map((e) => e.detail)).to.deep.equal([
      { key: 'save', code: ErrorCode.SEAT_LOCKED, message: errorMessage(ErrorCode.SEAT_LOCKED) },
    ]);
    expect(fired[0]!.composed).to.equal(true);
    await until(() => shown(el)?.getAttribute('data-code') === String(ErrorCode.SEAT_LOCKED), 'error shown');

    clock.advance(ERROR_VISIBLE_MS - 1);
    await el.updateComplete;
    expect(shown(el), 'still shown just before the end').to.not.equal(null);
    clock.advance(1);
    await until(() => shown(el) === null, 'error cleared');
    expect(clock.pending).to.equal(0);
  });

  it('a new run dismisses the previous message', async () => {
    const el = await fixture<IntentProbe>(html`<vr-intent-probe></vr-intent-probe>`);
    await el.commands.run('save', { command: () => Promise.reject(new RoomError(ErrorCode.UNKNOWN, 'x')) });
    expect(el.commands.error?.code).to.equal(ErrorCode.UNKNOWN);
    await el.commands.run('save', { command: async () => 1 });
    expect(el.commands.error).to.equal(null);
    expect(clock.pending).to.equal(0);
  });

  it('leaves no timer behind when the host is removed mid-message', async () => {
    const el = await fixture<IntentProbe>(html`<vr-intent-probe></vr-intent-probe>`);
    await el.commands.run('save', { command: () => Promise.reject(new RoomError(ErrorCode.UNKNOWN, 'x')) });
    expect(clock.pending).to.equal(1);
    el.remove();
    expect(clock.pending).to.equal(0);
    expect(el.commands.error).to.equal(null);
  });

  it('a command that fails after the host left shows nothing and starts no timer, but still reports', async () => {
    const el = await fixture<IntentProbe>(html`<vr-intent-probe></vr-intent-probe>`);
    const command = gate();
    let fired = 0;
    el.addEventListener('vr-command-error', () => (fired += 1));
    const run = el.commands.run('save', { command: () => command.promise });
    el.remove();
    command.reject(new RoomError(ErrorCode.UNKNOWN, 'x'));
    expect((await run).status).to.equal('error');
    expect(fired).to.equal(1);
    expect(el.commands.error).to.equal(null);
    expect(el.commands.busy()).to.equal(false);
    expect(clock.pending).to.equal(0);
  });
});
