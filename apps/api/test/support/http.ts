/* eslint-disable @typescript-eslint/no-explicit-any -- test replies are checked field by field with expect() */
export interface Reply<T = any> {
  status: number;
  body: T;
}

export type Client = ReturnType<typeof client>;

/**
 * A tiny client for the running test app: JSON in, JSON out, status kept. The address may
 * be given as a function, read at each request, for a client made before its app starts.
 */
export function client(baseUrl: string | (() => string)) {
  async function send<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const base = typeof baseUrl === 'function' ? baseUrl() : baseUrl;
    const response = await fetch(`${base}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  }
  return {
    get: <T = any>(path: string, token?: string) => send<T>('GET', path, { token }),
    post: <T = any>(path: string, body?: unknown, token?: string, headers?: Record<string, string>) => send<T>('POST', path, { body, token, headers }),
    send,
  };
}
