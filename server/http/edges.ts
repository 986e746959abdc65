import { createReadStream, type Stats, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The edges of the HTTP server that face browsers: static files, the security headers they carry, and the
 * checks on who may reach the dev signer and the WebSocket endpoint (issue 12, section 5).
 */

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.svga': 'application/octet-stream',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The policy static pages run under; what the demo needs and no more:
 * - scripts only from this origin (vite emits module scripts and chunks, no inline script), and no 'unsafe-eval':
 *   the gift player decodes SVGA files in its own worker and builds svgaplayerweb's movie objects without its
 *   protobufjs parser (whose decoders are generated with `Function()`), and the demo build rewrites the two
 *   eval probes svgaplayerweb's bundle makes at import time (scripts/svga-csp.ts);
 * - styles from this origin plus inline ones (Lit's styles where adoptedStyleSheets is missing, `style=` attributes);
 * - images from here, data:/blob: (generated sprites) and any https: (avatars and covers are users' own URLs);
 * - media from here and blob:, the gift decoding worker from here or blob:;
 * - fetch and WebSocket back to this origin only (CSP 3 lets 'self' match ws: on the same host): the SVGA loader
 *   no longer reads anything back through data:/blob: URLs;
 * - no plugins, no <base> hijack, forms post here, and only this origin may frame the pages (clickjacking).
 * test/components/gift-player-csp.test.ts plays gift effects under exactly this policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * What a page running Tencent's RoomEngine SDK needs beyond that, found by running the SDK (test/e2e/tencent-sdk.test.ts):
 * its WASM glue builds functions from strings (Emscripten embind's `new Function`) and compiles WebAssembly, so
 * 'unsafe-eval' and 'wasm-unsafe-eval'; Chat and TRTC talk to Tencent's hosts over https and wss (docs/tencent.md
 * lists the ones seen), and Chat runs blob: workers. Only the Tencent probe page gets it; the demo keeps the strict one.
 */
export const TENCENT_SDK_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
).replace("connect-src 'self'", "connect-src 'self' https: wss:");

/** Pages (paths from the static root) that carry another policy than CONTENT_SECURITY_POLICY. */
const PAGE_POLICIES: Readonly<Record<string, string>> = { 'tencent-probe.html': TENCENT_SDK_POLICY };

/** Headers every static response carries. */
export const STATIC_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'referrer-policy': 'same-origin',
};

function headersFor(root: string, file: string): Readonly<Record<string, string>> {
  const page = relative(root, file).split(sep).join('/');
  const policy = Object.hasOwn(PAGE_POLICIES, page) ? PAGE_POLICIES[page] : undefined;
  return policy ? { ...STATIC_HEADERS, 'content-security-policy': policy } : STATIC_HEADERS;
}

/** The static root as a real path (symlinks in its own path resolved), or null when it does not exist. */
export function staticRootOf(dir: string | null): string | null {
  if (!dir) return null;
  try {
    return realpathSync(resolve(dir));
  } catch {
    return null;
  }
}

/** `path` is `root` or inside it (compared as resolved paths, never as string prefixes). */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The file to serve for `pathname`, resolved and contained: null when the path leaves the root (`..`, encoded
 * slashes, NUL) or resolves through a symlink to anything outside it. Directories serve their index.html.
 */
export function resolveStatic(root: string, pathname: string): { file: string } | { status: 400 | 403 | 404 } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const requested = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (!inside(root, requested)) return { status: 403 };
  const real = realInside(root, requested);
  if (real === 'outside') return { status: 403 };
  if (real) {
    if (!real.stats.isDirectory()) return { file: real.path };
    const index = realInside(root, join(real.path, 'index.html'));
    if (index === 'outside') return { status: 403 };
    if (index && index.stats.isFile()) return { file: index.path };
  }
  // Client-side routes fall back to the app shell.
  const shell = realInside(root, join(root, 'index.html'));
  return shell && shell !== 'outside' && shell.stats.isFile() ? { file: shell.path } : { status: 404 };
}

/** The real path of `path` and its stats, 'outside' when a symlink leads out of the root, null when missing. */
function realInside(root: string, path: string): { path: string; stats: Stats } | 'outside' | null {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return null;
  }
  if (!inside(root, real)) return 'outside';
  try {
    return { path: real, stats: statSync(real) };
  } catch {
    return null;
  }
}

export function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): void {
  const found = resolveStatic(root, pathname);
  if ('status' in found) {
    const error = { 400: 'bad path', 403: 'forbidden', 404: 'not found' }[found.status];
    res.writeHead(found.status, { 'content-type': 'application/json; charset=utf-8', ...STATIC_HEADERS });
    res.end(JSON.stringify({ error }));
    return;
  }
  res.writeHead(200, {
    'content-type': types[extname(found.file)] ?? 'application/octet-stream',
    ...headersFor(root, found.file),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * A `Host` header naming this machine's loopback interface (any port): what a browser sends when it really
 * talks to a server on 127.0.0.1. Anything else (a LAN name, a DNS-rebound domain, none) is refused by the dev
 * signer, so a page from elsewhere cannot obtain signatures through a victim's browser.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!match) return false;
  const name = match[1]!.toLowerCase();
  if (name === 'localhost' || name === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) && name.split('.').every((part) => Number(part) <= 255);
}

/** The loopback names a browser may use for a server bound to a loopback address. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Origins as `URL.origin` spells them (lower-case scheme and host, default ports dropped); '*' stays '*'. */
export function normalizeOrigins(origins: readonly string[]): string[] {
  return origins.map((o) => {
    if (o === '*') return o;
    try {
      return new URL(o).origin;
    } catch {
      throw new Error(`allowed origin "${o}" is not an origin like https://app.example.com`);
    }
  });
}

/**
 * The origins a browser page may open WebSockets from: the configured list, or by default the server's own
 * origins (its bind address and port; for a loopback bind also localhost, 127.0.0.1 and [::1]). A server bound
 * to every interface cannot know the names it is reached by: configure `VR_ALLOWED_ORIGINS` there.
 */
export function allowedOriginsFor(configured: readonly string[], host: string, port: number): ReadonlySet<string> {
  if (configured.length > 0) return new Set(normalizeOrigins(configured));
  const names = isLoopbackBind(host) ? LOOPBACK_NAMES : [host.includes(':') ? `[${host}]` : host];
  return new Set(
    names.flatMap((name) => [`http://${name}:${port}`, `https://${name}:${port}`]).map((o) => new URL(o).origin),
  );
}

/**
 * Cross-site WebSocket hijacking guard. Browsers always send `Origin` on a WebSocket handshake, so a page from
 * another site is refused unless listed. No Origin means a non-browser client (Node, a native app): those have
 * to present a UserSig like anyone else, and cannot ride on a victim's browser, so they are let through.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (allowed.has('*')) return true;
  try {
    return allowed.has(new URL(origin).origin) && origin !== 'null';
  } catch {
    return false;
  }
}
