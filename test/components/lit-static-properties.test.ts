import { expect, fixture, html } from '@open-wc/testing';
import { VrSeat } from '../../components/seat/seat.js';
import { VrElement } from '../../components/base/vr-element.js';

// The builds ship the elements' Lit decorators as `static properties`, query getters and `customElements.define`
// (scripts/lit-static-properties.ts), and these tests run them that way (web-test-runner.config.mjs). What Lit made
// of them is what the decorators declare: attributes, reflection, converters, internal state, queries.
describe('elements as the builds ship them', () => {
  it('declare their reactive properties in static properties, not through decorators', () => {
    expect(Object.hasOwn(VrSeat, 'properties'), 'VrSeat.properties').to.equal(true);
    expect(Object.hasOwn(VrElement, 'properties'), 'VrElement.properties').to.equal(true);
    expect(customElements.get('vr-seat')).to.equal(VrSeat);
  });

  it('map attributes, reflect, convert and keep state internal as declared', async () => {
    const attributes = (VrSeat as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(attributes).to.include.members(['index', 'level', 'speaking-threshold', 'variant', 'no-tab-stop', 'theme']);
    for (const internal of ['room', 'rendersseat', 'renderseat', 'avatarfailed', 'speakingthreshold'])
      expect(attributes, internal).to.not.include(internal);
    const seat = await fixture<VrSeat>(html`<vr-seat index="3" speaking-threshold="25" no-tab-stop></vr-seat>`);
    expect(seat.index).to.equal(3);
    expect(seat.speakingThreshold).to.equal(25);
    expect(seat.noTabStop).to.equal(true);
    seat.variant = 'row';
    seat.theme = 'dark';
    await seat.updateComplete;
    expect(seat.getAttribute('variant')).to.equal('row');
    expect(seat.getAttribute('theme')).to.equal('dark');
    expect(VrSeat.elementProperties.get('avatarFailed')).to.include({ state: true, attribute: false });
    // A property with its own accessor (`noAccessor`) keeps it.
    expect(Object.getOwnPropertyDescriptor(VrSeat.prototype, 'level')?.set).to.be.a('function');
  });

  it('find their queried nodes in the shadow root', async () => {
    const seat = await fixture<VrSeat>(html`<vr-seat index="1"></vr-seat>`);
    const button = (seat as unknown as { seatButton: HTMLButtonElement | null }).seatButton;
    expect(button).to.equal(seat.shadowRoot!.querySelector('button.seat'));
    expect(button).to.not.equal(null);
  });
});
