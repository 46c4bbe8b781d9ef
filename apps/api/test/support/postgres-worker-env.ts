// Jest's setupFiles, run in each test file before it loads: on PostgreSQL, the file works on
// its worker's own database (postgres-global-setup.ts) wherever it reads DATABASE_URL.
const workerDatabases = JSON.parse(process.env.LOKET_TEST_WORKER_DATABASES ?? '[]') as string[];
if (workerDatabases.length > 0) process.env.DATABASE_URL = workerDatabases[Number(process.env.JEST_WORKER_ID ?? 1) - 1];
