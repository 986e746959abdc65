// The page side of test/components/gift-player-csp.test.ts: records every CSP violation from the first moment
// (before the kit and svgaplayerweb load), then loads the components and says it is ready.
export interface CspPage {
  violations: string[];
  ready: boolean;
  /** The page's own SVGA loader module (its own realm, cache and worker). */
  loader: typeof import('../../components/gift-player/svga-loader.js');
}

const page = window as unknown as Window & CspPage;
page.violations = [];
page.ready = false;
document.addEventListener('securitypolicyviolation', (event) => {
  page.violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
  );
});
// import(), not import: static imports would run before the listener above exists.
await import('../../components/index.js');
page.loader = await import('../../components/gift-player/svga-loader.js');
page.ready = true;
