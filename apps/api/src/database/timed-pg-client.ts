import { Logger } from '@nestjs/common';
import pg from 'pg';

const logger = new Logger('Database');

type Query = (...args: unknown[]) => unknown;

let statementsSent = 0;

/** Statements this process has sent to the database (transaction control included), for `/metrics` and the bench. */
export function databaseStatementsSent(): number {
  return statementsSent;
}

/**
 * node-postgres's client, counting every statement it sends (`databaseStatementsSent`):
 * the figure the bench divides by the tickets served, on PGlite and PostgreSQL alike.
 */
export class CountingPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // The pool listens for a connection's errors only while the client is idle in it. A client
    // checked out between two statements (a transaction awaiting the next step) that loses its
    // connection (PostgreSQL restarted: 57P01) emits 'error' to nobody, and an unheard 'error'
    // ends the process. Heard here, the client is simply dead: its next query fails, and that
    // request answers 503 `database_unavailable` like any other lost connection.
    this.on('error', (error: Error) => logger.warn(`A database connection was lost: ${error.message}`));
    const query = (this.query as Query).bind(this);
    (this as unknown as { query: Query }).query = (...args: unknown[]) => {
      statementsSent += 1;
      return query(...args);
    };
  }
}

/**
 * node-postgres's client, except that a query that timed out on the client side
 * (`query_timeout`: the server did not answer at all) also closes its connection. The
 * plain client only stops waiting: the connection stays busy with the unanswered query and
 * goes back to the pool, and when the server answers again it may still hold the open
 * transaction of a request already answered 503, which the next request's COMMIT would
 * commit. Closed, it is dropped from the pool, the server rolls that transaction back when
 * it notices, and the next request opens a fresh connection. (node-postgres closes the
 * connection itself in the same case, but only in pipeline mode.)
 */
export class TimedPgClient extends CountingPgClient {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = (this.query as Query).bind(this);
    (this as unknown as { query: Query }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === 'Query read timeout') this.drop();
        });
      }
      return result;
    };
  }

  private drop(): void {
    (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}
