// Dev-server plugins shared by web-test-runner (and usable by any @web/dev-server config).
import { tsImport } from 'tsx/esm/api';

/**
 * The WTR dev server does not bundle, so UMD/CJS-only files cannot be imported as ES modules. This wraps
 * each listed file in a CommonJS shim and re-exports `module.exports` as the default export.
 * @param {string[]} suffixes request paths ending in one of these are wrapped
 */
export function umdAsEsmPlugin(suffixes) {
  return {
    name: 'umd-as-esm',
    /** @param {import('koa').Context} context */
    transform(context) {
      if (!suffixes.some((suffix) => context.path.endsWith(suffix))) return undefined;
      return {
        body: `var module = { exports: {} }, exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
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
