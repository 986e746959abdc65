import { svg } from 'lit';
import { frame } from '../base/icons.js';

// What `<vr-live-info>`'s bar shows (components/base/icons.ts says why each icon module holds only what its
// importers show). The panels' icons are in panel-icons.ts, the member rows' own in row.ts.

export { plusIcon } from '../base/icons.js';

export const eyeIcon = frame(
  svg`<path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z"/><circle cx="12" cy="12" r="2.8"/>`,
);
export const heartIcon = frame(
  svg`<path d="M12 20s-7.5-4.4-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.6-7.5 10-7.5 10z"/>`,
);
