import { useTestApp } from '../support/test-app.js';

describe('security headers, CORS, request size, error bodies', () => {
  const t = useTestApp({ corsOrigins: ['https://dinas.example.go.id'] });

  const url = (path: string) => `${t.url}/api/v1${path}`;

  it('sends helmet’s headers with a CSP the apps can live with, and no X-Powered-By', async () => {
    const response = await fetch(url('/offices'));
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    // WebAssembly may be compiled (the kiosk's QR reader), JavaScript never eval'd.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    // Plain-HTTP office LANs must keep loading their assets.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('allows only the listed origins cross-origin; same-origin needs nothing', async () => {
    const allowed = await fetch(url('/offices'), { headers: { origin: 'https://dinas.example.go.id' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dinas.example.go.id');
    const other = await fetch(url('/offices'), { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(url('/auth/login'), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowedPreflight = await fetch(url('/auth/login'), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dinas.example.go.id',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(allowedPreflight.status).toBe(204);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe('https://dinas.example.go.id');

    const sameOrigin = await fetch(url('/offices'), { headers: { origin: t.url } });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses oversized JSON bodies with 413 in the error shape, and form bodies of any size with 415', async () => {
    const json = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(200_000) }),
    });
    expect(json.status).toBe(413);
    expect(await json.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });

    const form = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=x&password=${'y'.repeat(30_000)}`,
    });
    // Refused before it is read: no route takes a form (a cross-site page could post one).
    expect(form.status).toBe(415);
    const manyFields = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 500 }, (_, i) => `f${i}=1`).join('&'),
    });
    expect(manyFields.status).toBe(415);

    // Small but deep: would overflow the validator's recursion without the depth limit.
    const deep = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '['.repeat(5_000) + ']'.repeat(5_000),
    });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ statusCode: 400, code: 'validation_failed', message: expect.stringMatching(/nests deeper than 32/) });
  });

  it('never answers with a stack trace, SQL or a file path', async () => {
    const probes: [string, RequestInit][] = [
      ['/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' }],
      [
        '/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__proto__": {"admin": true}, "username": "a", "password": "b"}' },
      ],
      ['/offices/%E0%A4%A/board', { method: 'GET' }],
      ["/offices/x'%20OR%201=1--/board", { method: 'GET' }],
      ['/tickets/track/%00%00', { method: 'GET' }],
      ['/counters/00000000-0000-4000-8000-000000000000/open', { method: 'POST', headers: { authorization: 'Bearer x.y.z' } }],
      ['/offices', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }],
      ['/offices/x/tickets', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip' }],
    ];
    for (const [path, init] of probes) {
      const response = await fetch(url(path), init);
      const text = await response.text();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/src\/|SELECT |INSERT |QueryFailedError|syntax error at/i);
      expect(JSON.parse(text)).toMatchObject({ statusCode: response.status, message: expect.any(String) });
    }
    // Outside the API prefix too: the static app fallback and unknown paths.
    const outside = await fetch(`${t.url}/%E0%A4%A`);
    expect(outside.status).toBeLessThan(500);
    expect(await outside.text()).not.toMatch(/\bat \S+ \(|node_modules/);
  });
});
