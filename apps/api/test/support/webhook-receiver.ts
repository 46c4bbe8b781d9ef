import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One message as the receiver took it: verified with the Standard Webhooks reference library. */
export interface Received {
  id: string;
  type: string;
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked field by field
  signature: string;
  /** The secrets (by index in `secrets`) whose signature verified. */
  verifiedWith: number[];
}

export type ReceiverMode = 'ok' | 'error500' | 'hang' | 'huge' | 'fail-first';

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests, standing in for an office's
 * gateway: it verifies every message with `standardwebhooks` (the reference implementation)
 * against the secrets it was given and keeps what verified. It can answer 500, hang, answer a
 * huge body, fail each message's first attempt, or be down (its port closed).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Requests that reached it, verified or not. */
  hits = 0;
  /** Requests whose signature no secret verified. */
  rejected = 0;
  /** The webhook-ids of the verified requests held unanswered in 'hang' mode, in arrival order. */
  readonly held: string[] = [];
  mode: ReceiverMode = 'ok';
  secrets: string[] = [];
  private server: Server | null = null;
  private port = 0;
  private readonly seenOnce = new Set<string>();
  private readonly hanging = new Set<ServerResponse>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** How many requests it holds unanswered now ('hang' mode). */
  get holding(): number {
    return this.hanging.size;
  }

  /** Closes the port, hanging up on the requests it holds: connections are refused until `start` again (same port). */
  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** The distinct webhook-ids received (after dedupe, as a receiver would keep them). */
  uniqueIds(): Set<string> {
    return new Set(this.received.map((r) => r.id));
  }

  /** How many messages arrived more than once (at-least-once, before dedupe). */
  duplicates(): number {
    return this.received.length - this.uniqueIds().size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.hits += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    const verifiedWith: number[] = [];
    let payload: { type: string; data: Record<string, unknown> } | null = null;
    this.secrets.forEach((secret, index) => {
      try {
        payload = new Webhook(secret).verify(body, headers) as { type: string; data: Record<string, unknown> };
        verifiedWith.push(index);
      } catch {
        // not signed with this one
      }
    });
    if (!payload) {
      this.rejected += 1;
      res.writeHead(401).end('bad signature');
      return;
    }
    const id = headers['webhook-id'];
    if (this.mode === 'hang') {
      this.held.push(id);
      this.hanging.add(res);
      // The sender gave up (its timeout): no longer held.
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (this.mode === 'error500') {
      res.writeHead(500).end('gateway broke');
      return;
    }
    if (this.mode === 'fail-first' && !this.seenOnce.has(id)) {
      this.seenOnce.add(id);
      res.writeHead(503).end('try later');
      return;
    }
    const { type, data } = payload as { type: string; data: Record<string, unknown> };
    this.received.push({ id, type, data, signature: headers['webhook-signature'], verifiedWith });
    if (this.mode === 'huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(2 * 1024 * 1024));
      return;
    }
    res.writeHead(204).end();
  }
}
