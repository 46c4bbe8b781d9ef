// A stand-in for `fetch` in the store specs: answers from a queue and records each request.
export interface StubbedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type StubReply = { status: number; body?: unknown } | 'network-error';

export function stubFetch(replies: StubReply[]): StubbedRequest[] {
  const requests: StubbedRequest[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    requests.push({
      url,
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const reply = replies.shift();
    if (!reply || reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return requests;
}
