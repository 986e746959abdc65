// Types for demo-build.mjs, so vite.config.ts and the TypeScript tests use the one definition of an up-to-date demo.
import type { Plugin } from 'vite';

export declare const DEFAULT_DEMO_DIR: string;
export declare function buildSettings(
  mode: string,
  env?: Record<string, string | undefined>,
): { mode: string; env: Record<string, string | undefined> };
export declare function checkoutFiles(root?: string): string[];
export declare function stampFor(options: {
  mode: string;
  modules: Iterable<string>;
  root?: string;
  env?: Record<string, string | undefined>;
}): { mode: string; env: Record<string, string | undefined>; files: Record<string, string | null> };
export declare function stampFile(outDir: string): string;
export declare function staleness(
  outDir: string,
  options?: { mode?: string; root?: string; env?: Record<string, string | undefined> },
): string | null;
export declare function demoStampPlugins(): { main: Plugin; worker: () => Plugin[] };
export declare function ensureDemoBuild(options?: { outDir?: string; say?: (line: string) => void }): Promise<number>;
