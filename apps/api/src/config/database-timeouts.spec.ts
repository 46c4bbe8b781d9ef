import { configFromEnv } from './app-config.js';

describe('database timeouts from the environment', () => {
  it('bounds every wait by default', () => {
    expect(configFromEnv({}).databaseTimeouts).toEqual({
      statementTimeoutMs: 5_000,
      lockTimeoutMs: 3_000,
      idleInTransactionTimeoutMs: 10_000,
      queryTimeoutMs: 7_000,
      poolWaitMs: 5_000,
      embeddedWaitMs: 10_000,
    });
  });

  it('reads each variable, and keeps the client-side timeout above a raised statement timeout', () => {
    const timeouts = configFromEnv({
      DATABASE_STATEMENT_TIMEOUT_MS: '20000',
      DATABASE_LOCK_TIMEOUT_MS: '1000',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_EMBEDDED_WAIT_MS: '15000',
    }).databaseTimeouts;
    expect(timeouts).toMatchObject({ statementTimeoutMs: 20_000, lockTimeoutMs: 1_000, poolWaitMs: 2_000, queryTimeoutMs: 22_000, embeddedWaitMs: 15_000 });
  });

  it('refuses 0 (wait for ever), nonsense, and a client-side timeout below the statement timeout', () => {
    expect(() => configFromEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds/);
    expect(() => configFromEnv({ DATABASE_LOCK_TIMEOUT_MS: '3s' })).toThrow(/DATABASE_LOCK_TIMEOUT_MS/);
    expect(() => configFromEnv({ DATABASE_EMBEDDED_WAIT_MS: '0' })).toThrow(/DATABASE_EMBEDDED_WAIT_MS must be a whole number of milliseconds/);
    expect(() => configFromEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_QUERY_TIMEOUT_MS: '4000' })).toThrow(
      /must be above DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });
});
