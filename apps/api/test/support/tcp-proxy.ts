import { type AddressInfo, type Server, type Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP relay between the API and a server it depends on (PostgreSQL, Redis), so a test can
 * make that server misbehave without touching it: the shared servers on this machine serve
 * other suites too, so nobody may stop or SIGSTOP them.
 * - `freeze()`: connections stay open and new ones are accepted, but no byte passes either
 *   way: what a SIGSTOPped or wedged server looks like from the client;
 * - `cut()`: every connection is closed and new ones are refused at once, as a stopped server;
 * - `resume()`: traffic passes again (frozen bytes are delivered; cut connections stay gone).
 */
export class TcpProxy {
  private mode: 'forward' | 'frozen' | 'cut' = 'forward';
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const holder: { proxy?: TcpProxy } = {};
    const server = createServer((client) => (holder.proxy ? holder.proxy.accept(client, target) : client.destroy()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    holder.proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    return holder.proxy;
  }

  /** `url` with its host and port replaced by this proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  freeze(): void {
    this.mode = 'frozen';
  }

  cut(): void {
    this.mode = 'cut';
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  resume(): void {
    this.mode = 'forward';
    for (const pair of this.pairs) {
      for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
      for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    const pair: Pair = { client, upstream, held: { toUpstream: [], toClient: [] } };
    this.pairs.add(pair);
    // While frozen, bytes are held back here (not dropped), as a stopped server leaves them in its socket buffers.
    client.on('data', (chunk: Buffer) => (this.mode === 'forward' ? upstream.write(chunk) : pair.held.toUpstream.push(chunk)));
    upstream.on('data', (chunk: Buffer) => (this.mode === 'forward' ? client.write(chunk) : pair.held.toClient.push(chunk)));
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}

interface Pair {
  client: Socket;
  upstream: Socket;
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}
