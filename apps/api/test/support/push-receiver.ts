import { type KeyObject, createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { type Server, createServer } from 'node:http';

/**
 * A push service of our own, on loopback, in place of the browsers' (which are outside our
 * system): it keeps what each "browser" is sent, answers as told (201, or 410 for a browser
 * that dropped its subscription), and each browser can decrypt its messages with its own
 * keys, as a real one would (RFC 8291). Nothing of the product's code is used to read them.
 */
export interface PushBrowser {
  /** What the browser hands the page (`PushSubscription.toJSON()`). */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Every request the push service got for this browser, in order. */
  received: ReceivedPush[];
  /** The status the push service answers for this browser from now on. */
  answer: number;
  /** Decrypts one received body (RFC 8291 / RFC 8188 aes128gcm) with this browser's private key and auth secret. */
  decrypt(body: Buffer): string;
}

export interface ReceivedPush {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushReceiver {
  url: string;
  /** A new browser with a fresh P-256 key pair and auth secret, subscribed at this push service. */
  browser(): PushBrowser;
  close(): Promise<void>;
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const browsers = new Map<string, PushBrowser>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const browser = browsers.get(request.url ?? '');
      if (!browser || request.method !== 'POST') {
        response.writeHead(404).end();
        return;
      }
      browser.received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(browser.answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    browser() {
      const path = `/push/${randomUUID()}`;
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const browser: PushBrowser = {
        subscription: { endpoint: `${url}${path}`, keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') } },
        received: [],
        answer: 201,
        decrypt: (body) => decryptAes128gcm(body, ecdh, publicKey, auth),
      };
      browsers.set(path, browser);
      return browser;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * RFC 8291 §3.4 and RFC 8188 §2, as a user agent does it:
 * body = salt (16) | record size (4) | key id length (1) | key id (the sender's ephemeral P-256 public key) | ciphertext.
 * ecdh_secret = ECDH(ua private, as public)
 * IKM   = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info\0" | ua_public | as_public, 32)
 * CEK   = HKDF(salt, IKM, "Content-Encoding: aes128gcm\0", 16)
 * NONCE = HKDF(salt, IKM, "Content-Encoding: nonce\0", 12)
 * plaintext = AES-128-GCM⁻¹(CEK, NONCE, ciphertext), then the padding delimiter 0x02 (last record) and zeros stripped.
 */
export function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, uaPublic: Buffer, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const asPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65 || asPublic[0] !== 0x04) throw new Error(`The key id is not an uncompressed P-256 key (${idLength} bytes)`);
  if (ciphertext.length > recordSize) throw new Error('More than one record: a push message is one');
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 0x02) throw new Error('The last record does not end with the 0x02 delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/**
 * Checks the VAPID `Authorization: vapid t=<JWT>, k=<public key>` header (RFC 8292): the
 * JWT is ES256-signed by the key `k`, for this push service's origin, not expired at `now`.
 * Returns `k`, for the test to compare with the key the API publishes.
 */
export function verifyVapid(headers: ReceivedPush['headers'], audience: string, now: number): string {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(String(headers.authorization ?? ''));
  if (!match) throw new Error(`No VAPID authorization header: ${String(headers.authorization)}`);
  const [, token, k] = match;
  const raw = Buffer.from(k, 'base64url');
  const key: KeyObject = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const [header, claims, signature] = token.split('.');
  const signed = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('The VAPID JWT is not signed by its key');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  if (payload.aud !== audience) throw new Error(`The VAPID JWT is for ${payload.aud}, not ${audience}`);
  if (payload.exp * 1000 <= now) throw new Error('The VAPID JWT has expired');
  return k;
}
