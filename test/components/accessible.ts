// axe checks what is on screen at the moment it runs: a panel fading in, an entry sliding up or a theme transition
// halfway through has colours that are neither its start nor its end, and its contrast fails on a loaded machine
// where the check lands mid-animation (the audience panel's fade-in did, at load 20). So every accessibility check
// first waits for the short animations in the element's whole tree to finish. Endless ones (spinners, speaking
// rings) and long ones (a request's countdown bar runs for the request's minute) are not transitions: their colours
// hold while they run, so they are left running.
import { expect } from '@open-wc/testing';

/** Every shadow root under `el`, nested ones included. */
function shadowRoots(el: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (root: Element | ShadowRoot) => {
    for (const child of root.querySelectorAll('*')) {
      if (child.shadowRoot) {
        found.push(child.shadowRoot);
        visit(child.shadowRoot);
      }
    }
  };
  if (el.shadowRoot) {
    found.push(el.shadowRoot);
    visit(el.shadowRoot);
  }
  visit(el);
  return found;
}

/** The longest an entrance, fade or theme transition of the kit runs (its longest, a floating heart, is ~2 s). */
const TRANSITION_MS = 5_000;

/** Resolves when the transitions running in `el`'s tree (shadow roots included) have finished. */
export async function animationsSettled(el: Element): Promise<void> {
  const animations = [el.getAnimations({ subtree: true }), ...shadowRoots(el).map((root) => root.getAnimations())]
    .flat()
    .filter((animation) => Number(animation.effect?.getComputedTiming().endTime) <= TRANSITION_MS);
  await Promise.all(animations.map((animation) => animation.finished.catch(() => undefined)));
}

/** axe finds no violation in `el` once its animations have settled. */
export async function expectAccessible(el: Element): Promise<void> {
  await animationsSettled(el);
  await expect(el).to.be.accessible();
}
