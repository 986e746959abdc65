// The zh-CN strings are a lazy chunk (issue 14). A page declared Chinese must still never show English first, a
// switch must land whatever order the loads finish in, and English must switch at once. The kit is imported
// dynamically here, after the page's `lang` is set, as a page's own <html lang> would be before its scripts run.
import { expect } from '@open-wc/testing';
import type { VrLikeButton } from '../../components/index.js';
import { ErrorCode } from '../../src/index.js';
// Not from ./helpers.js: that module imports the kit, which would then start before the page's `lang` is set.
import { until } from '../until.js';

document.documentElement.lang = 'zh-CN';
// The like button is lazy in the components entry: the buttons below are loaded on first sight, as a page's are.
const kit = await import('../../components/index.js');

const label = (el: VrLikeButton) => el.shadowRoot!.querySelector('button')!.getAttribute('aria-label');

describe('locale tables loaded on demand', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('vr-like-button')) el.remove();
  });

  it('renders a Chinese page in Chinese from its first frame: the first render waits for the table', async () => {
    expect(kit.getLocale(), 'the kit starts in English while the table loads').to.equal('en');
    const el = document.createElement('vr-like-button') as VrLikeButton;
    const seen: (string | null)[] = [];
    const observer = new MutationObserver(() => {
      const button = el.shadowRoot?.querySelector('button');
      if (button) seen.push(button.getAttribute('aria-label'));
    });
    document.body.append(el);
    // Its code comes on sight (its upgrade makes the shadow root); its first render waits for the table after that.
    await customElements.whenDefined('vr-like-button');
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true });
    await until(() => el.hasUpdated && label(el) !== null, 'the first render');
    await el.updateComplete;
    observer.disconnect();
    expect(kit.getLocale()).to.equal('zh-CN');
    expect(label(el)).to.equal('点赞');
    expect(
      seen.filter((text) => text === 'Like'),
      'English never rendered',
    ).to.deep.equal([]);
  });

  it('switches to English at once, and to a loaded Chinese table at once', async () => {
    const el = document.createElement('vr-like-button') as VrLikeButton;
    document.body.append(el);
    await el.updateComplete;
    const toEnglish = kit.setLocale('en');
    expect(kit.getLocale()).to.equal('en');
    await toEnglish;
    await el.updateComplete;
    expect(label(el)).to.equal('Like');
    const toChinese = kit.setLocale('zh');
    expect(kit.getLocale(), 'the table is loaded: no wait').to.equal('zh-CN');
    await toChinese;
    await el.updateComplete;
    expect(label(el)).to.equal('点赞');
    expect(kit.msg('seat.number', { n: 3 })).to.equal('3号麦');
    expect(kit.errorText(ErrorCode.SEAT_LOCKED)).to.equal('麦位已锁定');
  });

  it('fills a message: strings as given, numbers formatted, plural forms, a missing parameter left as written', async () => {
    await kit.setLocale('en');
    expect(kit.msg('liveInfo.fans', { n: 1 })).to.equal('1 fan');
    expect(kit.msg('liveInfo.fans', { n: 1234 })).to.equal('1,234 fans');
    expect(kit.msg('room.label', { name: 'A {name} $& B' }), 'a value is not filled again').to.equal(
      'Voice room A {name} $& B',
    );
    expect(kit.msg('room.label')).to.equal('Voice room {name}');
    const params = { sender: 'Ann', gift: 'Rose', count: 3, receiver: 'Bo' };
    expect(kit.msg('barrage.notice.gift', params)).to.equal('Ann sent Rose ×3 to Bo');
    expect(
      kit
        .msgParts('barrage.notice.gift', params)
        .map((part) => part.text)
        .join(''),
    ).to.equal(kit.msg('barrage.notice.gift', params));
  });
});
