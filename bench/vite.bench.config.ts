import { type ConfigEnv, type UserConfig, defineConfig, mergeConfig } from 'vite';
import base from '../vite.config.js';

// Benchmarks must not be reloaded half-way because a file changed: no HMR client, no file watching.
export default defineConfig(async (env: ConfigEnv) => {
  const resolved = (typeof base === 'function' ? await base(env) : await base) as UserConfig;
  return mergeConfig(resolved, { server: { hmr: false, watch: null } });
});
