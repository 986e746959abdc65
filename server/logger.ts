// Structured logs: one JSON object per line on stderr, so they can be grepped or shipped as they are:
//   {"level":"info","time":"2026-12-05T04:15:22.123Z","url":"http://127.0.0.1:8080","msg":"listening"}
// `level` is a name (debug, info, warn, error), `time` ISO 8601 UTC, then a child logger's bound fields (a
// connection's `userId` and `conn`), the line's own fields, and `msg`.
//
// Written by pino, the Node world's structured logger: a level below the threshold costs a no-op call, child
// loggers serialize their bound fields once, and the format is what log shippers expect. Two choices keep the
// lines as they were before pino: `level` is the name, not pino's number (grep 'level":"error'), and no pid or
// hostname. The destination is synchronous stderr, so a crash loses no line and a test that reads a child
// server's stderr sees every line written before the event it waits for.
//
// The server's code calls `log.info(msg, fields)` through the small interface below rather than pino's
// `info(fields, msg)`: one signature across the code base and test doubles, and a logger a test can build over
// any `write(line)` without pino's types.
import pino from 'pino';

/** The levels `VR_LOG_LEVEL` / `--log-level` take: a logger writes its level's lines and those above; silent, none. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to each of its lines (a connection's user, say). */
  child(bindings: LogFields): Logger;
}

/** Where the lines go: each call gets one whole line, newline included. */
export interface LogDestination {
  write(line: string): void;
}

let stderr: LogDestination | undefined;
/** One synchronous writer on fd 2 for every logger of the process (a server per test in the test suites). */
const stderrDestination = (): LogDestination => (stderr ??= pino.destination({ fd: 2, sync: true }));

export function createLogger(level: LogLevel, destination?: LogDestination): Logger {
  return wrap(
    pino(
      {
        level,
        // No pid and hostname on every line: one process, on the machine that runs it.
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination ?? stderrDestination(),
    ),
  );
}

function wrap(log: pino.Logger): Logger {
  return {
    debug: (msg, fields) => log.debug(fields ?? {}, msg),
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
    child: (bindings) => wrap(log.child(bindings)),
  };
}
