import { css } from 'lit';
import { styles as counterStyles } from './counter.js';
import { styles as pickerStyles } from './emoji-picker.js';

// What the composer needs only once someone types or presses the smile button: the emoji picker and the length
// counter, one chunk (issue 14) that composer.ts fetches when the browser is idle while the composer can send, when
// the input gets the focus, or with the first press of the smile button.

export { counter } from './counter.js';
export { emojiPicker } from './emoji-picker.js';

export const styles = css`
  ${pickerStyles}
  ${counterStyles}
`;
