import { css } from 'lit';

/**
 * Design tokens. Every colour is a `light-dark()` pair, resolved where it is used against the element's
 * `color-scheme`; that scheme comes from `--vr-color-scheme`, which inherits through shadow roots. So one
 * declaration themes a whole subtree:
 *
 * - default: `light dark` (follows `prefers-color-scheme`);
 * - `theme="light|dark"` on `<vr-room>` or any `vr-*` element, or `data-vr-theme="light|dark"` on any ancestor;
 * - any `--vr-*` property set by the page on an ancestor (or on `:root`) wins over the defaults below,
 *   because the defaults sit in a zero-specificity `:where(:root)` rule.
 *
 * The tokens live in one document-level sheet (installed once per document by `installTokens`) rather than
 * on each `:host`: a `:host` declaration would shadow the value a page set on an ancestor.
 */
export const tokenDeclarations = css`
  --vr-color-scheme: light dark;

  /* surfaces */
  --vr-color-bg: light-dark(#f6f4fb, #0d0a16);
  --vr-color-surface: light-dark(#ffffff, #1a1527);
  --vr-color-surface-raised: light-dark(#ffffff, #241e35);
  --vr-color-surface-sunken: light-dark(#efecf7, #141020);
  --vr-color-border: light-dark(rgb(40 20 80 / 0.1), rgb(255 255 255 / 0.1));
  --vr-color-border-strong: light-dark(rgb(40 20 80 / 0.2), rgb(255 255 255 / 0.22));

  /* text */
  --vr-color-text: light-dark(#1b1530, #f5f2fc);
  --vr-color-text-muted: light-dark(#5f5876, #ada6c2);
  --vr-color-text-on-accent: #ffffff;

  /* accent: violet to pink */
  --vr-color-accent: light-dark(#7c3aed, #a78bfa);
  --vr-color-accent-strong: light-dark(#6d28d9, #c4b5fd);
  --vr-color-accent-2: light-dark(#db2777, #f472b6);
  --vr-color-accent-soft: light-dark(rgb(124 58 237 / 0.1), rgb(167 139 250 / 0.16));
  --vr-gradient-accent: linear-gradient(135deg, #8b5cf6 0%, #d946ef 55%, #ec4899 100%);

  /* status */
  --vr-color-danger: light-dark(#d92d5b, #ff6b8f);
  --vr-color-danger-soft: light-dark(rgb(217 45 91 / 0.1), rgb(255 107 143 / 0.16));
  --vr-color-warning: light-dark(#b45309, #fbbf24);
  --vr-color-success: light-dark(#15803d, #4ade80);
  --vr-color-speaking: light-dark(#c026d3, #f0abfc);
  --vr-color-speaking-glow: light-dark(rgb(217 70 239 / 0.55), rgb(232 121 249 / 0.6));

  /* seat */
  --vr-seat-size: 64px;
  --vr-seat-empty-bg: light-dark(#ece8f7, #221c33);
  --vr-seat-empty-icon: light-dark(#8a82a3, #8f87a8);
  --vr-seat-badge-bg: light-dark(#ffffff, #2a2340);
  --vr-seat-number-bg: light-dark(rgb(27 21 48 / 0.06), rgb(255 255 255 / 0.09));

  /* shape and rhythm */
  --vr-radius-s: 6px;
  --vr-radius-m: 12px;
  --vr-radius-l: 20px;
  --vr-radius-pill: 999px;
  --vr-space-1: 4px;
  --vr-space-2: 8px;
  --vr-space-3: 12px;
  --vr-space-4: 16px;
  --vr-space-5: 24px;
  --vr-space-6: 32px;
  --vr-font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Noto Sans SC',
    'Microsoft YaHei', sans-serif;
  --vr-font-size-xs: 11px;
  --vr-font-size-s: 12px;
  --vr-font-size-m: 14px;
  --vr-font-size-l: 16px;
  --vr-shadow-s: 0 1px 2px light-dark(rgb(30 14 70 / 0.08), rgb(0 0 0 / 0.4));
  --vr-shadow-m: 0 8px 24px light-dark(rgb(30 14 70 / 0.14), rgb(0 0 0 / 0.5)), 0 2px 6px light-dark(rgb(30 14 70 / 0.08), rgb(0 0 0 / 0.3));
  --vr-focus-ring: light-dark(#7c3aed, #c4b5fd);
  --vr-duration-fast: 120ms;
  --vr-duration-medium: 220ms;
  --vr-easing: cubic-bezier(0.2, 0.8, 0.2, 1);
`;

/** The document-level sheet: defaults at zero specificity, then the theme switches. */
export const tokens = css`
  :where(:root) {
    ${tokenDeclarations}
  }
  :where([data-vr-theme='light'], vr-room[theme='light']) {
    --vr-color-scheme: light;
  }
  :where([data-vr-theme='dark'], vr-room[theme='dark']) {
    --vr-color-scheme: dark;
  }
`;

const installed = new WeakSet<Document>();

/** Adds the token sheet to a document once (idempotent; every `vr-*` element calls it when it connects). */
export function installTokens(doc: Document = document): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  const view = doc.defaultView;
  if (!view || !('adoptedStyleSheets' in doc)) return;
  // A constructed sheet belongs to the document whose CSSStyleSheet constructor made it (iframes differ).
  registerProperties(view);
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(tokens.cssText);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

/**
 * Lengths that must be computed where they are declared, not where they are used: the seat grid's cell width
 * is measured in container units of the grid, and an unregistered property would resolve them against whatever
 * container the seat itself is.
 */
function registerProperties(view: Window & typeof globalThis): void {
  const registrations: PropertyDefinition[] = [
    { name: '--vr-seat-cell', syntax: '<length>', inherits: true, initialValue: '0px' },
  ];
  for (const definition of registrations) {
    try {
      view.CSS.registerProperty(definition);
    } catch {
      // Already registered (another copy of the kit, or a page that did it itself).
    }
  }
}

/** For pages that bundle their own CSS: the same tokens as a string (e.g. to put into a <style>). */
export const tokensCssText: string = tokens.cssText;

/** Every element's `:host` theme plumbing: a `theme` attribute on any vr-* element themes its subtree. */
export const themeHost = css`
  :host {
    color-scheme: var(--vr-color-scheme, light dark);
    font-family: var(--vr-font-family, system-ui, sans-serif);
    color: var(--vr-color-text);
    -webkit-tap-highlight-color: transparent;
  }
  :host([theme='light']) {
    --vr-color-scheme: light;
  }
  :host([theme='dark']) {
    --vr-color-scheme: dark;
  }
  :host([hidden]) {
    display: none !important;
  }
`;
