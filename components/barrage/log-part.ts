import { css } from 'lit';
import { styles as noticeStyles } from './notices.js';
import { styles as pillStyles } from './pill.js';

// What the barrage's log shows only once the room moves: system notices (a room's first screen has none) and the
// "new messages" pill (once the reader scrolled up). One chunk (issue 14) that barrage.ts fetches when the browser
// is idle after it rendered, with the first notice, or when the reader scrolls up.

export { noticeNode } from './notices.js';
export { newMessagesPill } from './pill.js';

export const styles = css`
  ${noticeStyles}
  ${pillStyles}
`;
