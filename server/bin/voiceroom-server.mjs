#!/usr/bin/env node
// `voiceroom-server` (`npm run server` at the repository root): the local room server from its TypeScript sources.
// tsx compiles them as they load, as `node --import tsx server/main.ts` does; flags and VR_* variables as in the
// README. One process: signals reach main.ts's own handlers directly.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
