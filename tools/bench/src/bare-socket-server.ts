/**
 * The bare socket.io server of the fan-out ratio, run as its own process like the API: clients
 * join one room; POST /emit broadcasts the posted payload to it, stamped with the moment of
 * the broadcast in `at` (the API stamps its events the same way).
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const http = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/emit') {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const payload = JSON.parse(body) as Record<string, unknown>;
    payload.at = new Date().toISOString();
    io.to('office').emit('office:event', payload);
    response.writeHead(204).end();
  });
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('join', (_request: unknown, ack: (result: { ok: true }) => void) => {
    void socket.join('office');
    ack({ ok: true });
  });
});
http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  http.close(() => process.exit(0));
});
