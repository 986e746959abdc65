import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startServer } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { ADMIN, SDK_APP_ID, SECRET_KEY, sig } from './helpers.js';

async function call(url: string, service: string, command: string, body: unknown): Promise<Record<string, unknown>> {
  const q = new URLSearchParams({
    sdkappid: String(SDK_APP_ID),
    identifier: ADMIN,
    usersig: sig(ADMIN),
    random: '1',
    contenttype: 'json',
  });
  const res = await fetch(`${url}/v4/${service}/${command}?${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('REST state survives a restart', () => {
  it('keeps REST-only room fields, metadata, member caps and the callback configuration', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-rest-'));
    const config = loadConfig(
      [],
      {},
      { port: 0, dataDir, logLevel: 'silent', sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY },
    );
    try {
      const first = await startServer(config);
      for (const [service, command, body] of [
        [
          'live_engine_http_srv',
          'create_room',
          { RoomInfo: { RoomId: 'kept', RoomType: 'Live', Category: [4], ActivityStatus: 2, MaxSeatCount: 5 } },
        ],
        [
          'live_engine_http_srv',
          'update_room_info',
          { RoomInfo: { RoomId: 'kept', MaxMemberCount: 42, CustomInfo: 'ci' } },
        ],
        ['live_engine_http_srv', 'set_room_metadata', { RoomId: 'kept', Metadata: [{ Key: 'k', Value: 'v' }] }],
        [
          'live_config',
          'set_callback',
          { Url: 'http://127.0.0.1:9/cb', CallbackCommandList: ['Live.CallbackAfterCreateRoom'] },
        ],
      ] as const)
        assert.equal((await call(first.url, service, command, body))['ErrorCode'], 0, command);
      await first.close();

      const second = await startServer(config);
      const info = (await call(second.url, 'live_engine_http_srv', 'get_room_info', { RoomId: 'kept' }))[
        'Response'
      ] as { RoomInfo: Record<string, unknown> };
      assert.deepEqual(
        {
          c: info.RoomInfo['Category'],
          a: info.RoomInfo['ActivityStatus'],
          m: info.RoomInfo['MaxMemberCount'],
          ci: info.RoomInfo['CustomInfo'],
          seats: info.RoomInfo['IsSeatEnabled'],
          max: info.RoomInfo['MaxSeatCount'],
        },
        { c: [4], a: 2, m: 42, ci: 'ci', seats: false, max: 5 },
      );
      assert.equal(second.engine.room('kept')!.limits.maxMembers, 42, 'the member cap is enforced after a restart');
      assert.deepEqual(
        (await call(second.url, 'live_engine_http_srv', 'get_room_metadata', { RoomId: 'kept', Keys: [] }))['Response'],
        { Metadata: [{ Key: 'k', Value: 'v' }] },
      );
      assert.deepEqual((await call(second.url, 'live_config', 'get_callback', {}))['Response'], {
        Url: 'http://127.0.0.1:9/cb',
        CallbackCommandList: ['Live.CallbackAfterCreateRoom'],
      });
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
