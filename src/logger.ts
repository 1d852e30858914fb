import { pino } from 'pino';
import { env } from './config.js';

export const logger = pino({
  level: env.LOG_LEVEL,
  // Never let a credential reach a log line, whatever object is logged.
  redact: {
    paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.apiKey', '*.secret', 'apiKey', 'secret'],
    censor: '[redacted]',
  },
});
