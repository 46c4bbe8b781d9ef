import pg from 'pg';

/**
 * Jest's globalSetup. On PostgreSQL each Jest worker runs its files on a database of its own,
 * so two workers can run at once: the security suites fingerprint the whole database to prove
 * a refusal changed nothing, which only holds while no other file writes to it. The worker
 * databases are made fresh for each run next to the one DATABASE_URL names (copies of it, or
 * empty ones while it is in use); the app migrates each on its first start. Their addresses
 * go to the workers through LOKET_TEST_WORKER_DATABASES (postgres-worker-env.ts), and
 * postgres-global-teardown.ts drops them.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (!process.env.DATABASE_URL) return;
  const base = new URL(process.env.DATABASE_URL);
  const baseName = decodeURIComponent(base.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(baseName)) throw new Error(`DATABASE_URL names a database Jest cannot derive worker databases from: "${baseName}"`);
  // CREATE DATABASE … TEMPLATE needs the template free of connections: work from another database.
  const maintenance = new URL(base);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  const urls: string[] = [];
  try {
    for (let worker = 1; worker <= globalConfig.maxWorkers; worker++) {
      const name = `${baseName}_jest_w${worker}`;
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${baseName}`).catch(() => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(base);
      url.pathname = `/${name}`;
      urls.push(url.toString());
    }
  } finally {
    await client.end();
  }
  process.env.LOKET_TEST_WORKER_DATABASES = JSON.stringify(urls);
}
