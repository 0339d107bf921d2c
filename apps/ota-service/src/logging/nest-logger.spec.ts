import pino from 'pino';
import { Writable } from 'node:stream';
import { NestPinoLogger } from './nest-logger';

function capture(level: pino.LevelWithSilent = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new NestPinoLogger(pino({ level }, stream)) };
}

describe('NestPinoLogger', () => {
  it("writes Nest's messages with their context at the matching level", () => {
    const { lines, logger } = capture();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('careful', 'RoutesResolver');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }),
      expect.objectContaining({ level: 40, context: 'RoutesResolver', msg: 'careful' }),
    ]);
  });

  it('keeps the stack Nest passes with an error message', () => {
    const { lines, logger } = capture();
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionHandler');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ExceptionHandler',
      msg: 'boom',
      stack: 'Error: boom\n    at x',
    });
  });

  it('serialises an Error as err', () => {
    const { lines, logger } = capture();
    logger.error(new Error('went wrong'), 'Bootstrap');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Bootstrap',
      msg: 'went wrong',
      err: { message: 'went wrong' },
    });
  });

  it('drops what the level filters out, verbose included', () => {
    const { lines, logger } = capture('info');
    logger.debug('not shown', 'X');
    logger.verbose('not shown either', 'X');
    expect(lines).toHaveLength(0);
  });
});
