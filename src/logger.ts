import { pino } from 'pino';
import pretty from 'pino-pretty';
import { env } from './config.js';

const options: pino.LoggerOptions = {
  level: env.LOG_LEVEL,
  // Never let a credential reach a log line, whatever object is logged.
  redact: {
    paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.apiKey', '*.secret', 'apiKey', 'secret'],
    censor: '[redacted]',
  },
};

// For people at a terminal in development: readable lines. Everywhere else: JSON, one line each.
const forPeople = env.NODE_ENV === 'development' && process.stdout.isTTY === true;

export const logger = forPeople ? pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true })) : pino(options);
