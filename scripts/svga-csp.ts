// svgaplayerweb's UMD bundle probes for Node and for the global object with eval at import time (issue 15):
// protobufjs's `inquire` runs `eval("require")` four times (for "buffer", "long", "fs"…) and webpack's global
// shim runs `new Function("return this")` because the bundle, inside an ES module, is strict code. Both sit in
// try/catch, so under a CSP without 'unsafe-eval' the player still works, but the browser reports five blocked
// evals on every page that loads it. Our builds (the demo, web-test-runner) rewrite the two probes to what they
// amount to in a browser, so nothing is reported. Products that bundle the kit can apply the same rewrite
// (README, "Gift effects and Content-Security-Policy"); the kit's dist leaves svgaplayerweb to the product.
//
// The player's own protobuf decoding (generated with `Function()`) is left alone: the kit never calls it while
// its decoding worker runs (svga-loader.ts), and where no worker can run a 2.0 file needs 'unsafe-eval' there.

/** The file the rewrite applies to. */
export const SVGA_BUNDLE_SUFFIX = '/svgaplayerweb/build/svga.min.js';

// Patterns, not strings: a dev server may reformat the bundle before this runs (web-test-runner's esbuild pass
// re-prints it with spaces).
const REWRITES: readonly (readonly [from: RegExp, to: string, why: string])[] = [
  // `var mod = <this>(moduleName)`: a browser has no require, which is what the caught eval error meant.
  [
    /\beval\(\s*(["'])quire\1\s*\.replace\(\s*\/\^\/\s*,\s*(["'])re\2\s*\)\s*\)/g,
    '(function(){return null})',
    "protobufjs's inquire",
  ],
  // `r = function(){return this}()` is undefined in strict code; the global object is globalThis.
  [/\bnew Function\(\s*(["'])return this\1\s*\)\(\)/g, 'globalThis', "webpack's global shim"],
];

/** svgaplayerweb's bundle without its eval probes; throws if a probe is not where it was (another version). */
export function withoutEvalProbes(code: string): string {
  let out = code;
  for (const [from, to, why] of REWRITES) {
    const next = out.replace(from, to);
    if (next === out)
      throw new Error(
        `svgaplayerweb bundle: ${why} (${from.source}) not found; check scripts/svga-csp.ts against this version`,
      );
    out = next;
  }
  return out;
}

/** A vite/rollup plugin applying `withoutEvalProbes` to svgaplayerweb's bundle. */
export function svgaWithoutEvalPlugin(): {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): string | undefined;
} {
  return {
    name: 'vr-svga-without-eval',
    enforce: 'pre',
    transform(code, id) {
      return id.split('?')[0]!.endsWith(SVGA_BUNDLE_SUFFIX) ? withoutEvalProbes(code) : undefined;
    },
  };
}
