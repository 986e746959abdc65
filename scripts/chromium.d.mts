// Types for chromium.mjs, so the TypeScript tests and benchmarks launch Chromium from the same definition.
import type { ChildProcess } from 'node:child_process';

export declare const executablePath: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare const MEDIA_ARGS: readonly string[];
export declare const SFU_ARGS: readonly string[];
export declare function launchOptions(extraArgs?: readonly string[]): {
  executablePath: string;
  headless: true;
  args: string[];
};
export declare function buildPage(entry: string): Promise<Uint8Array>;
export declare function pageHtml(src: string): string;
export declare function freePort(): Promise<number>;
export declare function waitForServer(url: string, child: ChildProcess, timeoutMs?: number): Promise<void>;
