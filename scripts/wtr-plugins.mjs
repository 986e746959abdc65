// Dev-server plugins shared by web-test-runner (and usable by any @web/dev-server config).
import { tsImport } from 'tsx/esm/api';

/**
 * The WTR dev server does not bundle, so UMD/CJS-only files cannot be imported as ES modules. This wraps
 * each listed file in a CommonJS shim and re-exports `module.exports` as the default export.
 * @param {string[]} suffixes request paths ending in one of these are wrapped
 */
export function umdAsEsmPlugin(suffixes) {
  /** @type {Promise<{ SVGA_BUNDLE_SUFFIX: string, withoutEvalProbes: (code: string) => string }> | undefined} */
  let svgaCsp;
  return {
    name: 'umd-as-esm',
    /** @param {import('koa').Context} context */
    async transform(context) {
      if (!suffixes.some((suffix) => context.path.endsWith(suffix))) return undefined;
      let body = String(context.body);
      // svgaplayerweb without its import-time eval probes, as the demo build ships it (scripts/svga-csp.ts).
      svgaCsp ??= tsImport('./svga-csp.ts', import.meta.url);
      const { SVGA_BUNDLE_SUFFIX, withoutEvalProbes } = await svgaCsp;
      if (context.path.endsWith(SVGA_BUNDLE_SUFFIX)) body = withoutEvalProbes(body);
      return {
        body: `var module = { exports: {} }, exports = module.exports;\n${body}\nexport default module.exports;\n`,
      };
    },
  };
}

/**
 * Serves the project's generated gift assets (the default catalog's icons and SVGA effects) at /gifts/*,
 * plus the catalog itself at /gifts/catalog.json, straight from server/gifts/catalog.ts. Generated on the
 * first request, so runs that never ask for a gift pay nothing.
 */
export function giftAssetsPlugin() {
  /** @type {Promise<{ assets: Map<string, { contentType: string, body: Uint8Array }>, catalog: unknown }> | undefined} */
  let loading;
  const load = () =>
    (loading ??= tsImport('../server/gifts/catalog.ts', import.meta.url).then((mod) => ({
      assets: mod.giftAssets(),
      catalog: mod.DEFAULT_GIFT_CATALOG,
    })));
  return {
    name: 'gift-assets',
    /** @param {import('koa').Context} context */
    async serve(context) {
      if (!context.path.startsWith('/gifts/')) return undefined;
      const { assets, catalog } = await load();
      if (context.path === '/gifts/catalog.json') return { body: JSON.stringify(catalog), type: 'application/json' };
      const asset = assets.get(context.path);
      if (!asset) return undefined;
      // A Buffer body stays binary through the dev server's transform step.
      return { body: /** @type {any} */ (Buffer.from(asset.body)), type: asset.contentType };
    },
  };
}

/**
 * Serves pages under `prefix`, and every file those pages load (scripts, the SVGA decoding worker), with the
 * Content-Security-Policy of the local room server's static files (server/http/edges.ts), so a browser test can
 * check the kit under the policy the demo ships with. A worker takes its policy from its own response, hence
 * the Referer test rather than the page's path alone.
 * @param {string} prefix
 */
export function cspPagesMiddleware(prefix) {
  /** @type {Promise<string> | undefined} */
  let policy;
  /** @param {import('koa').Context} context @param {() => Promise<void>} next */
  return async (context, next) => {
    await next();
    const referer = context.get('referer');
    const fromPage = referer !== '' && new URL(referer).pathname.startsWith(prefix);
    if (!context.path.startsWith(prefix) && !fromPage) return;
    policy ??= tsImport('../server/http/edges.ts', import.meta.url).then((mod) => mod.CONTENT_SECURITY_POLICY);
    context.set('content-security-policy', await policy);
  };
}

/**
 * Rewrites the elements' sources (`components/**.ts`) that contain `marker` with `exportName` of the build script
 * `module`, loaded on first use, so every component test runs what the library and demo builds ship.
 * @param {string} name
 * @param {RegExp} marker
 * @param {string} module
 * @param {string} exportName
 */
function componentSourcePlugin(name, marker, module, exportName) {
  /** @type {Promise<Record<string, (code: string, filename: string) => string>> | undefined} */
  let loaded;
  return {
    name,
    /** @param {import('koa').Context} context */
    async transform(context) {
      if (!/^\/components\/.*\.ts$/.test(context.path)) return undefined;
      const body = String(context.body);
      if (!marker.test(body)) return undefined;
      loaded ??= tsImport(module, import.meta.url);
      const rewrite = (await loaded)[exportName];
      return { body: rewrite(body, context.path) };
    },
  };
}

/**
 * The elements' `css` templates minified as the library and demo builds ship them (scripts/minify-css-templates.ts),
 * so every component test (layout, contrast, axe) checks the CSS a product gets, not only the CSS as written.
 */
export const minifiedCssPlugin = () =>
  componentSourcePlugin('minified-css-templates', /css`/, './minify-css-templates.ts', 'minifyCssTemplates');

/**
 * The elements' Lit decorators as the library and demo builds ship them (scripts/lit-static-properties.ts:
 * `static properties`, query getters and `customElements.define`), so every component test runs the classes a product
 * gets, not only the decorators as written.
 */
export const litStaticPropertiesPlugin = () =>
  componentSourcePlugin(
    'lit-static-properties',
    /@(property|state|query|customElement)\(/,
    './lit-static-properties.ts',
    'litDecoratorsToStatic',
  );

/** Where the dev server serves the module that carries every message from a test page to the runner. */
export const WEB_SOCKET_MODULE = '/__web-dev-server__web-socket.js';
const CLONE_CALL = 'var target = structuredClone(obj)';

/**
 * Keeps a failed assertion on a DOM node (or a function, a spy…) reportable. The dev server's `stable()` passes
 * each message (a file's results included) through `structuredClone` before turning it into JSON, and a failed
 * chai assertion carries its subject raw as `actual`/`expected`: `expect(root.activeElement).to.equal(input)` failing
 * threw a DataCloneError in the page, its results never left it, and web-test-runner reported the file as not
 * finished, with no result at all, 600 s later (modernweb-dev/web#2967, #2772, still so in @web/dev-server-core 1.0).
 * Here what cannot be cloned becomes text (an element its outerHTML, which the reporter then diffs); everything
 * else goes as before. Fails loudly if the module no longer has that call: then check whether the upstream fix
 * makes this plugin unnecessary.
 */
export function reportableFailuresPlugin() {
  return {
    name: 'reportable-failures',
    /** @param {import('koa').Context} context */
    transform(context) {
      if (context.path !== WEB_SOCKET_MODULE) return undefined;
      const body = String(context.body);
      if (!body.includes(CLONE_CALL)) {
        throw new Error(`reportableFailuresPlugin: "${CLONE_CALL}" is no longer in ${WEB_SOCKET_MODULE}`);
      }
      return { body: `${body.replace(CLONE_CALL, 'var target = cloneableCopy(obj)')}\n${cloneableCopy}\n` };
    },
  };
}

/**
 * `value` as `structuredClone` copies it, except that what it cannot copy becomes text, at any depth. Runs in the
 * page (its source is appended to the web-socket module), so it refers to nothing outside itself.
 * @param {unknown} value
 * @param {Map<object, unknown>} [seen] copies made so far, so that cycles stay cycles (`stable()` then marks them)
 * @returns {unknown}
 */
function cloneableCopy(value, seen = new Map()) {
  if (typeof value === 'object' && value !== null && seen.has(value)) return seen.get(value);
  try {
    return structuredClone(value);
  } catch {
    // Below: only the parts that cannot be cloned are replaced.
  }
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (typeof Element === 'function' && value instanceof Element) return value.outerHTML;
  if (typeof Node === 'function' && value instanceof Node) return `[${value.nodeName}] ${value.textContent ?? ''}`;
  const proto = Object.getPrototypeOf(value);
  // A window, a spy's proxy, a class instance holding one of those: what it is, by name.
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
    return Object.prototype.toString.call(value);
  }
  /** @type {Record<string, unknown>} */
  const copy = Array.isArray(value) ? [] : {};
  seen.set(value, copy);
  for (const key of Object.keys(value))
    copy[key] = cloneableCopy(/** @type {Record<string, unknown>} */ (value)[key], seen);
  return copy;
}
