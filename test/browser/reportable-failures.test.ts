import { expect } from '@open-wc/testing';

// A page's results reach web-test-runner through the dev server's `stable()` (the module below), which ran every
// message through `structuredClone`: a failed assertion on an element, its `actual` and `expected` raw in the
// results, threw there, and the file ended 600 s later as "did not finish" with no result at all.
// scripts/wtr-plugins.mjs (reportableFailuresPlugin) makes what cannot be cloned text instead.
const SOCKET_MODULE = '/__web-dev-server__web-socket.js';
type Stable = (message: unknown) => string;

async function stable(): Promise<Stable> {
  const socketModule: string = SOCKET_MODULE;
  return ((await import(socketModule)) as { stable: Stable }).stable;
}

/** The error of `assertion`, which must fail. */
function failureOf(assertion: () => void): Error & { actual?: unknown; expected?: unknown } {
  try {
    assertion();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the assertion passed');
}

describe('results sent to web-test-runner', () => {
  it('carry a failed assertion on elements, with the elements as text', async () => {
    const field = document.createElement('input');
    field.className = 'input';
    const button = document.createElement('button');
    button.textContent = '😀';
    const error = failureOf(() => expect(button).to.equal(field));
    // As web-test-runner's mocha adapter reports a failed test (collectTestResults).
    const result = {
      testResults: {
        tests: [
          {
            name: 'focus',
            passed: false,
            error: { ...error, message: error.message, actual: error.actual, expected: error.expected },
          },
        ],
      },
    };
    const sent = JSON.parse((await stable())({ type: 'wtr-session-finished', result })) as { result: typeof result };
    const reported = sent.result.testResults.tests[0]!.error;
    expect(reported.message).to.equal(error.message);
    expect(reported.actual).to.equal('<button>😀</button>');
    expect(reported.expected).to.equal('<input class="input">');
  });

  it('carry functions, windows and cycles as text, and everything else as before', async () => {
    const cycle: Record<string, unknown> = { spy: function proxy() {} };
    cycle['self'] = cycle;
    const message = {
      type: 'x',
      n: 1,
      list: [true, null, 'a'],
      when: new Date(0),
      cycle,
      win: window,
      text: document.createTextNode('t'),
    };
    const sent = JSON.parse((await stable())(message)) as Record<string, unknown>;
    expect(sent).to.deep.equal({
      type: 'x',
      n: 1,
      list: [true, null, 'a'],
      when: '1970-01-01T00:00:00.000Z',
      cycle: { spy: '[function proxy]', self: '[Circular]' },
      win: '[object Window]',
      text: '[#text] t',
    });
    const plain = { type: 'wtr-session-finished', result: { passed: true, errors: [], logs: [['hi']] } };
    expect(JSON.parse((await stable())(plain)), 'what clones goes as it did').to.deep.equal(plain);
  });
});
