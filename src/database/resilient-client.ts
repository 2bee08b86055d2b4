import { Client, ClientConfig } from 'pg';

/**
 * The pool's connections. pg-pool listens for a connection's errors while it is idle, and TypeORM while a query
 * runner holds it; between the two — when the server's message that ends a connection (an administrator's
 * termination, a shutdown) arrives in the same read as the message that completes its start — nobody listens,
 * and an 'error' event with no listener stops the process. This listener is always there. The error is not lost:
 * the connection is broken, so its next query fails (answered 503 like any outage) and the pool discards it.
 */
export class ResilientClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
