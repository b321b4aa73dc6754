import { GraphQLError } from 'graphql';
import { badInput } from '../../core/domain-error';
import { AppError, formatError } from './errors';

const fmt = (error: GraphQLError, development: boolean) => formatError({ message: error.message, extensions: error.extensions as never, path: ['x'] }, error, development);

describe('error mapper', () => {
  it('hides unexpected errors and their stack outside development', () => {
    const err = new GraphQLError('boom', { originalError: new Error('relation "secret_table" does not exist') });
    const out = fmt(err, false);
    expect(out).toEqual({ message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL' } });
    expect(JSON.stringify(out)).not.toMatch(/secret_table|at /);
  });

  it('shows the stack in development only', () => {
    const err = new GraphQLError('boom', { originalError: new Error('db down') });
    expect(fmt(err, true).extensions!.stacktrace).toBeDefined();
    expect(fmt(err, true).message).toBe('db down');
  });

  it('passes coded errors with their field, and without the internal http hint', () => {
    const err = new GraphQLError('bad', { originalError: badInput('input.amount', 'must be positive') });
    expect(fmt(err, false)).toEqual({ message: 'must be positive', path: ['x'], extensions: { code: 'BAD_USER_INPUT', field: 'input.amount' } });
    const auth = new AppError('UNAUTHENTICATED', 'no');
    expect(auth.extensions.http).toEqual({ status: 401 });
    expect(fmt(new GraphQLError('no', { originalError: auth }), false).extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('turns database constraint violations into CONFLICT / BAD_USER_INPUT without SQL', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "x_key"'), { code: '23505', constraint: 'x_key' });
    expect(fmt(new GraphQLError('x', { originalError: unique }), false)).toMatchObject({ message: 'A record with these values already exists', extensions: { code: 'CONFLICT' } });
    const malformed = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(fmt(new GraphQLError('x', { originalError: malformed }), false).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('turns values Postgres cannot store into BAD_USER_INPUT, and an unreachable database into a retriable SERVICE_UNAVAILABLE', () => {
    const pg = (code: string) => new GraphQLError('x', { originalError: Object.assign(new Error('sql detail'), { code }) });
    for (const code of ['22P05', '22021', '22003', '22001', '54000']) expect(fmt(pg(code), false).extensions!.code).toBe('BAD_USER_INPUT');
    for (const code of ['ECONNREFUSED', '57P01', '53300', '08006', '57014']) {
      const out = fmt(pg(code), false);
      expect(out.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(out.message).not.toMatch(/sql detail/);
    }
    const terminated = new GraphQLError('x', { originalError: new Error('Connection terminated unexpectedly') });
    expect(fmt(terminated, false).extensions!.code).toBe('SERVICE_UNAVAILABLE');
    const unavailable = new AppError('SERVICE_UNAVAILABLE', 'down');
    expect((unavailable.extensions.http as { status: number }).status).toBe(503);
    expect(new AppError('QUERY_TOO_COMPLEX', 'big').extensions.http).toEqual({ status: 400 });
  });
});
