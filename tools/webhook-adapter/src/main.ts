/**
 * An example adapter between Loket's webhooks and a WhatsApp/SMS gateway's HTTP API: it
 * verifies each message's signature, drops repeats by webhook-id (delivery is at least once),
 * and posts `{ to, text }` to the gateway with its token. Configuration (environment):
 *   PORT (8090), WEBHOOK_SECRETS (comma-separated whsec_…; two during a rotation),
 *   GATEWAY_URL, GATEWAY_TOKEN, LOKET_PUBLIC_URL (the product's address, for links).
 * Gateways differ per region: change `sendToGateway` to the one the office pays for.
 */
import { createServer } from 'node:http';
import { messageFor } from './messages.js';
import { verifyWebhook } from './verify.js';

const port = Number(process.env.PORT ?? 8090);
const secrets = (process.env.WEBHOOK_SECRETS ?? '').split(',').filter(Boolean);
const gatewayUrl = process.env.GATEWAY_URL ?? '';
const gatewayToken = process.env.GATEWAY_TOKEN ?? '';
const publicUrl = process.env.LOKET_PUBLIC_URL ?? 'http://localhost:3000';
if (secrets.length === 0 || !gatewayUrl) {
  console.error('Set WEBHOOK_SECRETS and GATEWAY_URL (and GATEWAY_TOKEN, LOKET_PUBLIC_URL)');
  process.exit(2);
}

/** Recent webhook-ids: a retry of a message already passed on is answered 204 and not sent twice. */
const seen = new Set<string>();
function remember(id: string): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  if (seen.size > 10_000) seen.delete(seen.values().next().value as string);
  return true;
}

async function sendToGateway(to: string, text: string): Promise<boolean> {
  const reply = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayToken}` },
    body: JSON.stringify({ to, text }),
    signal: AbortSignal.timeout(4000),
  });
  return reply.ok;
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        id: String(req.headers['webhook-id'] ?? ''),
        timestamp: String(req.headers['webhook-timestamp'] ?? ''),
        signature: String(req.headers['webhook-signature'] ?? ''),
      };
      if (!verifyWebhook(secrets, headers, body, Math.floor(Date.now() / 1000))) return void res.writeHead(401).end();
      if (seen.has(headers.id)) return void res.writeHead(204).end();
      const message = messageFor(JSON.parse(body), publicUrl);
      if (message?.to && !(await sendToGateway(message.to, message.text).catch(() => false))) {
        // The gateway failed: answer 502 so Loket tries again later, with the same webhook-id.
        return void res.writeHead(502).end('gateway unavailable');
      }
      remember(headers.id);
      res.writeHead(204).end();
    })().catch(() => res.writeHead(400).end());
  });
}).listen(port, () => console.log(`Loket webhook adapter on :${port}, passing messages to ${gatewayUrl}`));
