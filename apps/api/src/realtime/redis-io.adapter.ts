import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions, Server } from 'socket.io';

// The clients' reconnect errors, once per this interval instead of at every attempt.
const ERROR_LOG_INTERVAL_MS = 60_000;

/** socket.io through Redis pub/sub, so a change made on one API instance reaches clients of every instance. */
export class RedisIoAdapter extends IoAdapter {
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: ReturnType<typeof createClient>[] = [];
  private readonly redisLogger = new Logger('Realtime');
  private lastErrorLog = 0;

  async connect(redisUrl: string): Promise<void> {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    // A Redis client without an 'error' listener throws the error: a Redis restart would
    // end the process. The clients reconnect by themselves; the error is only logged.
    for (const client of [pub, sub]) client.on('error', (error: Error) => this.logError(error));
    // The socket.io adapter publishes without handling the result: a publish cut off by a
    // lost connection would be an unhandled rejection, one per event. Logged here instead.
    const publish = pub.publish.bind(pub);
    (pub as unknown as { publish: (...args: Parameters<typeof publish>) => Promise<number> }).publish = (...args) =>
      publish(...args).catch((error: Error) => {
        this.logError(error);
        return 0;
      });
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub);
  }

  private logError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.redisLogger.warn(`Redis (socket.io adapter): ${error.message}; events reach only this instance's clients until it is back`);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}
