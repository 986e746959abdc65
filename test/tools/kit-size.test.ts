// The kit's size budget (issue 14): what a consumer's Vite build loads before the kit runs (store, every element,
// local backend; lit and rxjs external) must stay within KIT_BUDGET_GZIP, and what is meant to be lazy (the
// zh-CN strings, the SVGA effects and player) must not be reachable from the entry without import(). Figures and
// method: BENCHMARKS.md, "Kit size"; `npm run bench size` prints them.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type EntrySize,
  type KitEntry,
  appUsingEverything,
  measureKitSize,
  withFixedHashes,
  withStaticImports,
  withoutKeepStatement,
} from '../../bench/kit-size.js';

/** gzip -9 bytes of the `kit` entry's initial chunks. Raise it only with a reason in BENCHMARKS.md. */
const KIT_BUDGET_GZIP = 40 * 1024;

/** The elements of a room's live view, lazy in the components entry, with an attribute only each one declares. */
const LIVE_ELEMENTS = {
  'vr-live-info': 'no-owner',
  'vr-audience-list': 'max-avatars',
  'vr-like-button': 'max-hearts',
  'vr-barrage': 'rate-limit-cooldown',
  'vr-gift-player': 'still-duration',
};

describe('the app the kit size is measured in', () => {
  it('imports every export of each entry and uses each one (one array), names renamed apart per file', () => {
    const app = appUsingEverything([
      ['/dist/index.js', ['createRoom', 'ErrorCode']],
      ['/dist/backends/local.js', ['LocalBackend', 'createRoom']],
    ]);
    assert.equal(
      app,
      'import { createRoom as e0_0, ErrorCode as e0_1 } from "/dist/index.js";\n' +
        'import { LocalBackend as e1_0, createRoom as e1_1 } from "/dist/backends/local.js";\n' +
        'globalThis.__vrKitExports = [e0_0, e0_1, e1_0, e1_1];\n',
    );
  });

  it('imports a file with no names for what it registers, and uses only the names given of the others', () => {
    const app = appUsingEverything([
      ['/dist/components.js', []],
      ['/dist/index.js', ['createRoom']],
    ]);
    assert.equal(
      app,
      'import "/dist/components.js";\n' +
        'import { createRoom as e1_0 } from "/dist/index.js";\n' +
        'globalThis.__vrKitExports = [e1_0];\n',
    );
  });

  it('counts a first-screen chunk with the lazy chunks it imports, not the initial ones it shares', () => {
    const chunks = [
      { type: 'chunk' as const, fileName: 'kit.js', isEntry: true, imports: ['errors.js'] },
      { type: 'chunk' as const, fileName: 'errors.js', imports: [] },
      { type: 'chunk' as const, fileName: 'live-elements.js', imports: ['kit.js', 'avatar.js'] },
      { type: 'chunk' as const, fileName: 'avatar.js', imports: ['kit.js'] },
      { type: 'chunk' as const, fileName: 'gift-panel.js', imports: ['avatar.js'] },
    ];
    const initial = withStaticImports(chunks, (c) => !!c.isEntry);
    assert.deepEqual([...initial], ['kit.js', 'errors.js']);
    const first = withStaticImports(chunks, (c) => c.fileName === 'live-elements.js', initial);
    assert.deepEqual([...first], ['live-elements.js', 'avatar.js']);
  });

  it("measures the entry chunk without the app's own statement, as its minifier wrote it", () => {
    const array = 'globalThis.__vrKitExports=[a,50,`x]`,"[",[1,2],b]';
    assert.equal(withoutKeepStatement(`f();${array};export{a as t};`), 'f();export{a as t};');
    assert.equal(withoutKeepStatement(`f(),${array};export{a as t};`), 'f();export{a as t};');
    assert.equal(withoutKeepStatement(`f();${array}`), 'f();');
  });

  it("measures chunk names with hashes of the names alone (rolldown's depend on the build directory too)", () => {
    const code = (menu: string, errors: string) => `import("./menu-${menu}.js");import{a}from"./errors-${errors}.js"`;
    const measured = (menu: string, errors: string) =>
      withFixedHashes(code(menu, errors), [
        { fileName: `assets/menu-${menu}.js` },
        { fileName: `assets/errors-${errors}.js` },
      ]);
    const once = measured('Bx3k9_aQ', 'sXrjmXNj-BA-bzkvQ');
    assert.equal(measured('Zz0-9_aQ', 'abcdefgh-12345678'), once, 'the same names measure the same');
    // As long as real hashes, and not a constant that compresses better than a build's.
    const [, menu, first, second] = /menu-([\w-]{8})\.js.*errors-([\w-]{8})-([\w-]{8})\.js/.exec(once)!;
    assert.notEqual(menu, 'Bx3k9_aQ');
    assert.notEqual(first, second);
    assert.equal(once.length, code('Bx3k9_aQ', 'sXrjmXNj-BA-bzkvQ').length);
    // Two chunks of one name (two panels) keep two names.
    const panels = [{ fileName: 'assets/panel-AAAAAAAA.js' }, { fileName: 'assets/panel-BBBBBBBB.js' }];
    const [first2, second2] = withFixedHashes('"./panel-AAAAAAAA.js" "./panel-BBBBBBBB.js"', panels).split(' ');
    assert.notEqual(first2, second2);
  });

  it('refuses a chunk without the statement, or with it twice', () => {
    assert.throws(() => withoutKeepStatement('f();'), /expected one/);
    assert.throws(() => withoutKeepStatement('globalThis.__vrKitExports=[a];globalThis.__vrKitExports=[b];'), /one/);
    assert.throws(() => withoutKeepStatement('globalThis.__vrKitExports=[a,[b]'), /unterminated/);
  });
});

describe('kit size', () => {
  let sizes: Record<KitEntry, EntrySize>;
  before(async () => {
    sizes = await measureKitSize({ entries: ['kit', 'voiceroom-kit', 'room app'] });
  });

  it('an app that shows a room loads every element of the first screen, and less than the whole kit', () => {
    const app = sizes['room app'];
    const code = app.initial.map((c) => c.code).join('\n');
    const lazy = app.lazy.map((c) => c.code).join('\n');
    // Registered by the side-effect import alone: a bundler that shook it away would leave an empty room.
    for (const tag of ['vr-room', 'vr-seat-grid', 'vr-seat'])
      assert.ok(code.includes(`"${tag}"`) || code.includes(`\`${tag}\``), `${tag} is defined in the initial load`);
    // The live view's elements: their loaders in the initial load, their code in one chunk that the room asks for.
    for (const [tag, attribute] of Object.entries(LIVE_ELEMENTS)) {
      assert.ok(code.includes(`"${tag}"`) || code.includes(`\`${tag}\``), `${tag} has a loader in the initial load`);
      assert.ok(lazy.includes(attribute) && !code.includes(attribute), `${tag} is in a lazy chunk`);
    }
    assert.equal(
      app.lazy.filter((c) => Object.values(LIVE_ELEMENTS).some((attribute) => c.code.includes(attribute))).length,
      1,
      "the live view's elements come in one chunk",
    );
    assert.ok(app.initialGzip < sizes.kit.initialGzip, `${app.initialGzip} B < ${sizes.kit.initialGzip} B`);
    // What the first screen fetches in all is measured too (`npm run bench size`): the live view's chunk, found by name,
    // with what it imports.
    assert.deepEqual(
      app.firstScreen.filter((c) => Object.values(LIVE_ELEMENTS).some((attribute) => c.code.includes(attribute)))
        .length,
      1,
      "the first screen's figure counts the live view's chunk",
    );
    assert.equal(app.firstScreenGzip, app.initialGzip + app.firstScreen.reduce((sum, c) => sum + c.gzip, 0));
  });

  it(`store + every element + local backend load ≤ ${KIT_BUDGET_GZIP / 1024} KB gzip before the kit runs`, () => {
    const kit = sizes.kit;
    assert.ok(
      kit.initialGzip <= KIT_BUDGET_GZIP,
      `initial chunks: ${(kit.initialGzip / 1024).toFixed(1)} KB gzip (${kit.initial.map((c) => c.name).join(', ')})`,
    );
  });

  it('the zh-CN strings, the SVGA effects, svgaplayerweb and Floating UI are lazy chunks, not in the initial load', () => {
    // Texts only each part has: a Chinese seat label, the SVGA loader's message when its worker stops, svgaplayerweb's
    // parser, Floating UI's default overflow boundary (it comes with the seat menu's part).
    const marks = {
      'zh-CN strings': '空麦位',
      'SVGA effects': 'the worker was stopped',
      svgaplayerweb: 'ProtoMovieEntity',
      'Floating UI': 'clippingAncestors',
    };
    for (const [part, mark] of Object.entries(marks)) assertLazy(part, mark);
  });

  it("<vr-audience-list>'s panel (member list, removal question) is a lazy chunk", () => {
    // The rows' action buttons: only the panel's rows and styles name them.
    assertLazy('the audience panel', 'row-action');
    // Its pages and search, its window of rows, its removal question and their English.
    assertLazy("the audience panel's pages", 'exhausted');
    assertLazy("the audience panel's search", 'keyword');
    assertLazy("the audience panel's row window", 'unobserve');
    assertLazy("the audience panel's removal question", 'kick-confirm');
    assertLazy("the audience panel's strings", 'straight back unless');
  });

  it("<vr-live-info>'s detail panel (numbers, seat mode, the owner's edit form) is a lazy chunk", () => {
    // The seat mode's pill and the form fields' character counts: only the panel's template and styles name them.
    assertLazy('the live-info panel', 'mode-pill');
    assertLazy("the live-info panel's form", 'field-foot');
    // The form's draft and checks, and the panel's English.
    // (Marks are public names or strings: class internals are #private, which the minifier renames.)
    assertLazy("the live-info form's checks (focus on the first field with a problem)", '#field-');
    assertLazy("the live-info panel's strings", 'Listeners apply; you or an admin approve.');
  });

  it("<vr-seat>'s menu and error bubble (template, styles, strings, placing) are a lazy chunk", () => {
    // The empty menu's English, the menu's rise when placed above its seat, and the placing itself: only the part
    // (seat/menu.ts, its styles and strings, controllers/menu-open.ts) has them.
    assertLazy("the seat menu's strings", 'Nothing to do here');
    assertLazy("the seat menu's styles", 'vr-pop-up');
    assertLazy("the seat menu's placing", 'showPopover');
  });

  it("<vr-room>'s notices (ended, kicked, failed, other tab), end confirmation and sheet are a lazy chunk", () => {
    // The failed notice's detail line and the confirmation's icon: only notices.ts and its styles name them.
    assertLazy('the room notices', 'notice-detail');
    assertLazy("the room's end confirmation", 'confirm-icon');
    // And their words: the other-tab notice's title, the failed notice's detail line.
    assertLazy("the room notices' strings", 'Opened in another tab');
    assertLazy("the room notices' strings", 'Details: {message}');
    // The bottom sheet and the end confirmation come whole with them: the sheet's grabber and entrance.
    assertLazy("the room's bottom sheet", 'grabber');
    assertLazy("the room's bottom sheet", 'vr-sheet-in');
    // The icons only a notice shows: the failure's warning sign, the other tab's two windows.
    assertLazy("the room notices' icons", 'M10.3 4.2L2.6');
    assertLazy("the room notices' icons", 'M7 7V5.5A1.5');
  });

  it("<vr-room>'s request prompt (the owner/admin card for an application) is a lazy chunk", () => {
    // The bar of the application's time and the card's title: only request-prompt.ts, its styles and strings name them.
    assertLazy("the room's request prompt", 'prompt-timer');
    assertLazy("the request prompt's strings", 'wants to speak');
  });

  it('the words only lazy parts say (answering an application, a panel tab stop) are lazy too', () => {
    // An application's answer, in the seat requests and in the room's prompt: only answer-strings.ts has them.
    assertLazy("an application's answer", 'Approve {name}');
    assertLazy("an application's seat", 'Wants any seat');
    // The panels' icon and danger buttons and their fields: only panel-buttons.ts sets these together.
    assertLazy("the panels' icon buttons", '.btn.icon{');
  });

  it("<vr-room>'s notes (how my request went, taken off my seat) are a lazy chunk, their words too", () => {
    // A note's first words and a request's end as a note or the requests panel words it.
    assertLazy("the room's notes", 'Request sent. You will');
    assertLazy("the request notices' strings", 'answered by another admin');
  });

  it("<vr-barrage>'s emoji picker (grid, keys, insertion at the caret, styles) and counter are a lazy chunk", () => {
    // The picker's entrance and the insertion at the caret: only emoji-picker.ts has them.
    assertLazy("the emoji picker's styles", 'vr-picker-in');
    assertLazy("the emoji picker's insertion", 'setRangeText');
    // The length counter, which shows once something is typed, comes in the same chunk with its words.
    assertLazy("the composer's counter", '{n} of {max} characters');
  });

  it("<vr-barrage>'s notices (how one is drawn, icons, bubbles) and new-messages pill are a lazy chunk", () => {
    // The gift notice's picture and the door icon of an arrival: only barrage/notices.ts has them.
    assertLazy("the barrage notices' styles", 'gift-icon');
    assertLazy("the barrage notices' icons", 'M10 8l4 4-4 4M14 12H4');
    // The pill's entrance and its words: only barrage/pill.ts has them.
    assertLazy("the barrage's pill", 'vr-pill-in');
    assertLazy("the barrage pill's strings", '{n} new messages');
  });

  it("<vr-gift-player>'s drawing code (lanes, banners, caption, still card, the SVGA stage) is a lazy chunk", () => {
    // The still card's and the caption's classes: only the part's views and styles name them.
    assertLazy("the gift player's views", 'still-card');
    assertLazy("the gift player's caption", 'caption-text');
    // What runs the queue once effects show (events, the one timer, the stage, the combo pops), and the English.
    assertLazy("the gift player's runner (an animation started playing)", 'onPlaying');
    assertLazy("the gift player's strings", 'Loading {gift}');
    // The player draws nothing before the part: the lanes, the stage's frame and the live region are its view, and
    // their rules its styles.
    assertLazy("the gift player's view (the stage's canvas box)", 'canvas-box');
    assertLazy("the gift player's lanes' styles", '--vr-gift-banner-top');
  });

  it("<vr-like-button>'s floating hearts (their code, colours and animation) are a lazy chunk", () => {
    // The hearts' keyframes: only the part's styles name them.
    assertLazy("the like button's hearts", 'vr-heart-float');
  });

  it('icons and templates only lazy parts show come with those parts; icons nothing shows are gone', () => {
    // The search and approve icons' shapes (the audience panel, the seat requests), a request's countdown bar.
    assertLazy("the panels' search icon", 'M16 16l4.5 4.5');
    assertLazy("the seat requests' approve icon", 'M5 12.5l4.5 4.5');
    assertLazy("a seat request's countdown", 'countdown none');
    // A seat icon and a chevron that no element showed any more: in no chunk at all.
    const all = [...sizes.kit.initial, ...sizes.kit.lazy].map((c) => c.code).join('\n');
    for (const shape of ['M6 11V7a3 3 0 0 1 3-3h6', 'M9 6l6 6-6 6'])
      assert.ok(!all.includes(shape), `${shape} is gone`);
  });

  it("the local backend's WebRTC half (the peer connection, the seats' playback) is a lazy chunk", () => {
    // Only local-media.ts negotiates; the backend's stand-in (lazy-media.ts) imports it when it connects.
    assertLazy("the local backend's WebRTC half", 'setRemoteDescription');
  });

  it('the elements that open on demand (gift panel, seat requests, room list) are lazy chunks', () => {
    // Attributes only each element declares; its tag is in the initial load as the key of its loader.
    const marks = {
      '<vr-gift-panel>': 'receiver-id',
      '<vr-seat-requests>': 'invite-timeout',
      '<vr-room-list>': 'heading-level',
    };
    for (const [part, mark] of Object.entries(marks)) assertLazy(part, mark);
    const initial = sizes.kit.initial.map((c) => c.code).join('\n');
    for (const tag of Object.keys(marks)) assert.ok(initial.includes(`"${tag.slice(1, -1)}"`), `${tag} has a loader`);
  });

  function assertLazy(part: string, mark: string): void {
    const initial = sizes.kit.initial.map((c) => c.code).join('\n');
    const lazy = sizes.kit.lazy.map((c) => c.code).join('\n');
    assert.ok(lazy.includes(mark), `${part} ("${mark}") is in a lazy chunk`);
    assert.ok(!initial.includes(mark), `${part} ("${mark}") is not in the initial chunks`);
  }

  it('measures the kit, not an export table: no public name is re-exported, the app line is gone', () => {
    const initial = sizes.kit.initial.map((c) => c.code).join('\n');
    assert.ok(!initial.includes('__vrKitExports'), "the app's statement is not measured");
    // The entry chunk still exports what its lazy chunks import from it, under the minifier's short names only.
    for (const name of ['LocalBackend', 'createRoom', 'VrRoom', 'ErrorCode'])
      assert.ok(!new RegExp(`\\bas ${name}\\b`).test(initial), `${name} is not in an export table`);
  });

  it("the elements' css templates ship minified", () => {
    const initial = sizes.kit.initial.map((c) => c.code).join('\n');
    assert.ok(initial.includes('--vr-color-bg:light-dark('), 'the tokens are there, minified');
    assert.ok(!/--vr-[\w-]+: /.test(initial), 'no declaration keeps its space after the colon');
    assert.ok(!/\/\* (surfaces|text|status) \*\//.test(initial), 'no css comments');
  });

  it("the elements' styles sit side by side in the initial load, within gzip's window of each other", () => {
    // components/styles/side-by-side.ts: spread over the chunk, each element's CSS sat too far from the others for
    // gzip to refer back to their shared tokens and properties. A text only each element's styles have:
    const marks = {
      '<vr-seat>': '--_size:var(--vr-seat-size',
      '<vr-seat-grid>': '--vr-seat-grid-padding',
      '<vr-room>': '--vr-room-max-width',
    };
    const kit = sizes.kit.initial.find((c) => c.code.includes(marks['<vr-seat>']))!.code;
    const templates = Object.entries(marks)
      .map(([element, mark]) => {
        const at = kit.indexOf(mark);
        assert.ok(at >= 0, `${element}'s styles ("${mark}") are in the kit's chunk`);
        return { element, start: kit.lastIndexOf('`', at), end: kit.indexOf('`', at) };
      })
      .sort((a, b) => a.start - b.start);
    for (const [i, next] of templates.slice(1).entries()) {
      const gap = next.start - templates[i]!.end;
      // Before: 6–24 KB of other code between neighbours; side by side, at most the odd import (the panel loader).
      assert.ok(
        gap <= 4096,
        `${(gap / 1024).toFixed(1)} KB of other code between ${templates[i]!.element}'s and ${next.element}'s styles`,
      );
    }
  });

  it('the root entry (createRoom and the store) carries no element code', () => {
    const root = sizes['voiceroom-kit'].initial.map((c) => c.code).join('\n');
    assert.ok(
      !root.includes('customElements.define') && !root.includes('vr-seat-grid'),
      'no element is defined by the root entry',
    );
  });
});
