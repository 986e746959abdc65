// The server's logs (server/logger.ts): one JSON object per line on stderr, the level by name, child loggers that
// carry a connection's fields, and no line lost when the process dies right after writing it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { type LogLevel, LOG_LEVELS, createLogger } from '../../server/logger.js';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const log = createLogger(level, { write: (line) => void lines.push(line) });
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('server logs', () => {
  it('writes one JSON object per line: level by name, ISO time, the fields, msg', () => {
    const { log, lines, entries } = capture('debug');
    log.info('listening', { url: 'http://127.0.0.1:1', devSigner: false });
    log.error('two\nlines', { error: 'a\nstack' });
    assert.ok(lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1));
    const [first, second] = entries();
    assert.deepEqual(Object.keys(first!), ['level', 'time', 'url', 'devSigner', 'msg']);
    assert.equal(first!['level'], 'info');
    assert.match(String(first!['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual([first!['url'], first!['msg']], ['http://127.0.0.1:1', 'listening']);
    assert.deepEqual([second!['msg'], second!['error']], ['two\nlines', 'a\nstack']);
  });

  it('writes the lines of its level and above, and none when silent', () => {
    const levels = LOG_LEVELS.filter((l) => l !== 'silent');
    for (const threshold of LOG_LEVELS) {
      const { log, entries } = capture(threshold);
      for (const level of levels) log[level](level);
      const expected = threshold === 'silent' ? [] : levels.slice(levels.indexOf(threshold));
      assert.deepEqual(
        entries().map((e) => e['level']),
        expected,
        threshold,
      );
    }
  });

  it("gives a child's lines its bound fields, a grandchild's both", () => {
    const { log, entries } = capture('info');
    const conn = log.child({ userId: 'u1', conn: 7 });
    conn.warn('closing a connection over its input budget');
    conn.child({ roomId: 'r1' }).info('joined', { seat: 2 });
    log.info('unbound');
    assert.deepEqual(
      entries().map(({ time: _, ...rest }) => rest),
      [
        { level: 'warn', userId: 'u1', conn: 7, msg: 'closing a connection over its input budget' },
        { level: 'info', userId: 'u1', conn: 7, roomId: 'r1', seat: 2, msg: 'joined' },
        { level: 'info', msg: 'unbound' },
      ],
    );
  });

  it('writes to stderr synchronously: a process killed right after logging has lost no line', async () => {
    // SIGKILL runs no exit handler: only lines already handed to the kernel survive it.
    const script = [
      `import { createLogger } from './server/logger.ts';`,
      `const log = createLogger('info');`,
      `for (let i = 0; i < 2000; i++) log.info('line', { i, pad: 'x'.repeat(200) });`,
      `process.kill(process.pid, 'SIGKILL');`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise((resolve) => child.once('close', (_code, signal) => resolve(signal)));
    assert.equal(signal, 'SIGKILL');
    const lines = stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 2000, stderr.slice(0, 500));
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { i: number }).i),
      Array.from({ length: 2000 }, (_, i) => i),
    );
  });
});
