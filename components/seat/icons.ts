import { svg } from 'lit';
import { frame } from '../base/icons.js';

export { plusIcon } from '../base/icons.js';

export const lockIcon = frame(
  svg`<rect x="5" y="11" width="14" height="10" rx="2.5"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`,
);
export const micOffIcon = frame(
  svg`<path d="M9 9v2a3 3 0 0 0 5.1 2.1M15 10V5a3 3 0 0 0-5.7-1.3"/><path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 10.9 5.8M12 18.5V21"/><path d="M3 3l18 18"/>`,
);
export const micLockIcon = frame(
  svg`<rect x="8.5" y="2.5" width="7" height="11" rx="3.5"/><path d="M18.5 11a6.5 6.5 0 0 1-13 0M12 17.5V21"/><path d="M4 4l16 16"/>`,
);
