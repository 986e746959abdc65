// setLocale on an English page: the zh-CN table is fetched on the first switch (issue 14), and when two switches
// overlap the last one asked for wins, however the loads finish.
import { expect, fixture, html } from '@open-wc/testing';
import { type VrLikeButton, getLocale, localeReady, msg, setLocale } from '../../components/index.js';
// Lazy in the components entry (loaded on first sight); its own module defines it at once.
import '../../components/like-button/like-button.js';

describe('setLocale with the table not yet loaded', () => {
  it('the last request wins: Chinese asked for, then English before the Chinese table arrived', async () => {
    expect(getLocale()).to.equal('en');
    const el = await fixture<VrLikeButton>(html`<vr-like-button></vr-like-button>`);
    const chinese = setLocale('zh-CN');
    expect(getLocale(), 'still English while the table loads').to.equal('en');
    expect(localeReady()).to.be.instanceOf(Promise);
    await setLocale('en');
    await chinese;
    expect(getLocale()).to.equal('en');
    expect(localeReady()).to.equal(undefined);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Like');
  });

  it('a switch resolves once every element shows the new language', async () => {
    const el = await fixture<VrLikeButton>(html`<vr-like-button></vr-like-button>`);
    await setLocale('zh-CN');
    expect(msg('like.label')).to.equal('点赞');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('点赞');
    await setLocale('en');
  });
});
