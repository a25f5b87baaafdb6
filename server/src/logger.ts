import { pino, type Logger as Pino } from 'pino';

/** A structured logger: a fixed message (the event) and fields (map ids, request ids, counts). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Field names whose values are never written, wherever they appear (one level deep): secrets
 * must not reach logs even if a caller passes them by mistake.
 */
export const REDACTED_FIELDS = ['password', 'passwordHash', 'token', 'cookie', 'authorization', 'secret', 'session'];

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields ? ' ' + JSON.stringify(redact(fields)) : '';
  return `${new Date().toISOString()} ${level} ${message}${extra}`;
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  let out = fields;
  for (const key of Object.keys(fields)) {
    if (REDACTED_FIELDS.includes(key)) {
      if (out === fields) out = { ...fields };
      out[key] = '[Redacted]';
    }
  }
  return out;
}

/** One readable line per event on stderr: for a person at a terminal. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.error(line('info', message, fields)),
  warn: (message, fields) => console.error(line('warn', message, fields)),
  error: (message, fields) => console.error(line('error', message, fields)),
};

/**
 * One JSON object per line (pino) on `destination` (stderr by default): `level`, `time` (ISO),
 * `msg`, then the fields. Secrets named in REDACTED_FIELDS are replaced, at the top level and one
 * level down.
 */
export function jsonLogger(destination: NodeJS.WritableStream | { write(s: string): void } = process.stderr): Logger {
  const paths = [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)];
  const log: Pino = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths, censor: '[Redacted]' },
    },
    destination as NodeJS.WritableStream,
  );
  return {
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}

/** JSON logs unless LOG_FORMAT=pretty, or unset and stderr is a terminal. */
export function processLogger(format = process.env.LOG_FORMAT): Logger {
  const pretty = format === 'pretty' || (format === undefined && process.stderr.isTTY === true);
  return pretty ? consoleLogger : jsonLogger();
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger that also tells `count` about each event (metrics of errors by kind). */
export function countingLogger(inner: Logger, count: (level: 'warn' | 'error', message: string) => void): Logger {
  return {
    info: (message, fields) => inner.info(message, fields),
    warn: (message, fields) => {
      count('warn', message);
      inner.warn(message, fields);
    },
    error: (message, fields) => {
      count('error', message);
      inner.error(message, fields);
    },
  };
}
