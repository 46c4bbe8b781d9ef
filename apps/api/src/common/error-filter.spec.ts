import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { IllegalTransitionError, ReinstateExpiredError } from '@loket/domain';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseError } from 'pg';
import { toErrorBody } from './error-filter.js';

describe('toErrorBody', () => {
  it('maps an illegal transition to 409 naming the current status', () => {
    const body = toErrorBody(new IllegalTransitionError('serving', 'call'));

    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('serving'),
      code: 'illegal_transition',
      details: { status: 'serving', action: 'call' },
    });
  });

  it('maps each kind of domain error to its status', () => {
    expect(toErrorBody(new ReinstateExpiredError('2026-11-29', '2026-11-30')).statusCode).toBe(409);
  });

  it('keeps the message, code and details of an HTTP exception', () => {
    const body = toErrorBody(new BadRequestException({ message: 'serviceId must be a UUID', code: 'validation_failed', details: [{ field: 'serviceId' }] }));

    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'serviceId must be a UUID',
      code: 'validation_failed',
      details: [{ field: 'serviceId' }],
    });
  });

  it('joins a list of messages', () => {
    expect(toErrorBody(new BadRequestException(['a is wrong', 'b is wrong'])).message).toBe('a is wrong; b is wrong');
  });

  it('uses the plain message of a simple exception', () => {
    expect(toErrorBody(new NotFoundException('No office with the slug "x"'))).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: 'No office with the slug "x"',
    });
    expect(toErrorBody(new ConflictException({ message: 'busy', code: 'counter_busy' }))).toMatchObject({ statusCode: 409, code: 'counter_busy' });
  });

  it('turns a body-parser error into a 4xx with its status', () => {
    const malformed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, type: 'entity.parse.failed' });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });

    expect(toErrorBody(malformed)).toMatchObject({ statusCode: 400, message: 'The request body is not valid JSON' });
    expect(toErrorBody(tooLarge)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('hides the details of anything unexpected behind a 500', () => {
    const body = toErrorBody(new Error('relation "tickets" does not exist'));

    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.not.stringContaining('relation') });
  });
});

describe('toErrorBody during a database outage', () => {
  const outage = { statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('database'), code: 'database_unavailable' };
  const pgError = (code: string, message: string) => Object.assign(new DatabaseError(message, 0, 'error'), { code });

  it.each([
    [
      'a refused connection (Node happy-eyeballs)',
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })], 'connect ECONNREFUSED'),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a session ended by a fast shutdown', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server still starting up', pgError('57P03', 'the database system is starting up')],
    ['a connection that died mid-query', new Error('Connection terminated unexpectedly')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a server that stopped answering (the client-side query timeout)', new QueryFailedError('SELECT 1', [], new Error('Query read timeout'))],
    ['a statement past statement_timeout', new QueryFailedError('SELECT 1', [], pgError('57014', 'canceling statement due to statement timeout'))],
    ['a lock wait past lock_timeout', new QueryFailedError('SELECT 1 FOR UPDATE', [], pgError('55P03', 'canceling statement due to lock timeout'))],
    ['a session ended idle in a transaction', pgError('25P03', 'terminating connection due to idle-in-transaction timeout')],
    // A fast shutdown of PostgreSQL: the driver reported the connection dead, TypeORM released
    // it, and the request's next statement found it gone (seen as a 500 before).
    ['a connection released under a running transaction', new QueryRunnerProviderAlreadyReleasedError()],
    ['a statement on a connection released under it', new QueryRunnerAlreadyReleasedError()],
  ])('answers %s with 503 database_unavailable, no driver text', (_, error) => {
    const body = toErrorBody(error);

    expect(body).toEqual(outage);
    expect(JSON.stringify(body)).not.toMatch(/ECONN|terminat|SELECT|5432|administrator|timeout|released/i);
  });

  it('keeps a query the database refused (not an outage) a plain 500 without its SQL or stack', () => {
    const error = new QueryFailedError('SELECT secret FROM staff WHERE id = $1', ['x'], pgError('42703', 'column "secret" does not exist'));

    const body = toErrorBody(error);

    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; nothing was changed' });
    expect(JSON.stringify(body)).not.toMatch(/secret|staff|SELECT|at /);
  });
});
