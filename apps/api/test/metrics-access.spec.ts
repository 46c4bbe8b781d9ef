import { configFromEnv } from '../src/config/app-config.js';
import { useTestApp } from './support/test-app.js';

const scrape = (url: string, authorization?: string) => fetch(`${url}/api/v1/metrics`, { headers: authorization ? { authorization } : {} });

describe('who may read /metrics', () => {
  it('reads METRICS_TOKEN from the environment', () => {
    expect(configFromEnv({ METRICS_TOKEN: 'rahasia-prometheus' }).metricsToken).toBe('rahasia-prometheus');
    expect(configFromEnv({}).metricsToken).toBeNull();
    expect(() => configFromEnv({ METRICS_TOKEN: 'pendek' })).toThrow(/METRICS_TOKEN/);
  });

  describe('with METRICS_TOKEN set', () => {
    const t = useTestApp({ metricsToken: 'rahasia-prometheus' });

    it('answers only a scrape that brings the token as a bearer', async () => {
      expect((await scrape(t.url)).status).toBe(401);
      expect((await scrape(t.url, 'Bearer salah-sekali-tokennya')).status).toBe(401);
      expect((await scrape(t.url, 'Basic cmFoYXNpYS1wcm9tZXRoZXVz')).status).toBe(401);
      const refused = await scrape(t.url, 'Bearer rahasia-prometheu');
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ statusCode: 401, code: 'unauthorized' });

      const reply = await scrape(t.url, 'Bearer rahasia-prometheus');
      expect(reply.status).toBe(200);
      expect(await reply.text()).toMatch(/^loket_database_up 1$/m);
    });
  });

  describe('in production without METRICS_TOKEN', () => {
    const t = useTestApp({ production: true });

    it('refuses every scrape, saying what to set', async () => {
      const reply = await scrape(t.url);
      expect(reply.status).toBe(403);
      expect(await reply.json()).toMatchObject({ statusCode: 403, code: 'forbidden', message: expect.stringMatching(/METRICS_TOKEN/) });
    });
  });
});
