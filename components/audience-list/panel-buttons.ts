import { css } from 'lit';

/**
 * The icon and danger buttons and the text fields of `buttonStyles` (avatar.ts): only what loads on demand shows them
 * (`<vr-seat-requests>`, the audience and live info panels), so these rules come with it, not with the kit's entry
 * (issue 14). A panel's sheet is adopted after its host's own styles; nothing there sets what these rules set on
 * these elements, and the panel's own rules still come after them, so each computed style stays as it was.
 */
export const panelButtonStyles = css`
  .btn.danger {
    background: var(--vr-color-danger-soft);
    color: var(--vr-color-danger);
  }
  .btn.icon {
    inline-size: 36px;
    min-block-size: 36px;
    padding: 0;
    font-size: 18px;
  }
  .field:focus-visible {
    outline: 2px solid var(--vr-focus-ring);
    outline-offset: 2px;
  }
`;
