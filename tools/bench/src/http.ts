/** A small JSON client for the API, as the kiosk, the counter app and the phone page call it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status}: ${JSON.stringify(body)}`);
  }
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  withToken(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? (JSON.parse(text) as T) : (undefined as T);
    if (response.status >= 400) throw new ApiError(response.status, data, `${method} ${path}`);
    return { status: response.status, data };
  }

  get<T>(path: string) {
    return this.request<T>('GET', path).then((result) => result.data);
  }

  post<T>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body).then((result) => result.data);
  }
}
