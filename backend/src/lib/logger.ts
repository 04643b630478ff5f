import { pino, type Logger } from 'pino';

/** Structured JSON logs; pretty in a development terminal when pino-pretty is installed. */
export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss' } } } : {}),
  });
}

export type { Logger };
