import pg from 'pg';

/** Jest's globalTeardown: drops the workers' databases postgres-global-setup.ts made. */
export default async function globalTeardown(): Promise<void> {
  const urls = JSON.parse(process.env.LOKET_TEST_WORKER_DATABASES ?? '[]') as string[];
  if (urls.length === 0) return;
  const maintenance = new URL(urls[0]);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    for (const url of urls) await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
