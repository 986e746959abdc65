// The real RoomEngine SDK, offline, in the built demo: the Tencent probe page (demo/tencent-probe.html, served by
// `npm start`) signs in through the kit's Tencent backend with Tencent Cloud out of reach. What a user with no
// network notices: the sign-in step fails within the backend's limit with the documented TIMEOUT code (−2908),
// instead of a page that waits forever (the SDK's own login waits about 90 s). It also shows that the SDK arrives as
// its own lazy chunk and boots in a real browser. Nothing leaves the machine: Chromium resolves no host name but
// loopback, and any request or WebSocket to another host is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoRun } from './npm-start.js';

const loopback = (url: string) =>
  /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url) ||
  url.startsWith('data:') ||
  url.startsWith('blob:');

describe('the real RoomEngine SDK offline (Tencent probe page)', { timeout: 300_000 }, () => {
  const run = demoRun('tencent-sdk', { extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });

  it('sign-in fails within its limit with TIMEOUT (−2908); the SDK loads lazily and nothing leaves loopback', async () => {
    const context = await run.browser.newContext();
    const outside: string[] = [];
    await context.route(
      (url) => !loopback(url.href),
      (route) => {
        outside.push(route.request().url());
        return route.abort('internetdisconnected');
      },
    );
    await context.routeWebSocket(
      (url) => !loopback(url.href),
      (ws) => {
        outside.push(ws.url());
        return ws.close();
      },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(new URL('tencent-probe.html', run.server!.url).href);
    const beforeSubmit = scripts.length;
    await page.locator('input[name="sdkAppId"]').fill('1400000001');
    await page.locator('input[name="userId"]').fill('probe-user');
    await page.locator('textarea[name="userSig"]').fill('not-a-real-signature');
    await page.locator('input[name="roomId"]').fill('probe-room');
    const started = Date.now();
    await page.getByRole('button', { name: 'Run the probe' }).click();
    const step = page.locator('#steps li').first();
    await step.waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    const text = (await step.textContent()) ?? '';
    assert.match(text, /Sign in/);
    assert.equal(await step.getAttribute('class'), 'failed', `the sign-in failed: ${text}`);
    assert.match(text, /-2908/, `with the kit's TIMEOUT code: ${text}`);
    // The backend's default limit is 15 s; well before the SDK's own ~90 s.
    assert.ok(elapsed >= 14_000 && elapsed < 45_000, `failed after ${elapsed} ms`);
    assert.equal(await page.locator('#steps li').count(), 1, 'nothing after a failed sign-in');
    const lazy = scripts.slice(beforeSubmit);
    assert.ok(
      lazy.some((url) => /index\.esm-/.test(url)),
      `the SDK chunk loaded on submit, not with the page (${lazy.join(', ')})`,
    );
    assert.ok(
      !scripts.slice(0, beforeSubmit).some((url) => /index\.esm-/.test(url)),
      'the page itself did not load the SDK',
    );
    for (const url of outside) assert.ok(!loopback(url), url);
    assert.deepEqual(
      errors.filter((e) => !/network|fetch|websocket|Failed to/i.test(e)),
      [],
      'no page errors besides the refused network',
    );
    await context.close();
  });
});
