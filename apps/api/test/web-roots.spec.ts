import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApp } from './support/test-app.js';

/**
 * The built apps are served in front of the API's routes. A request for the API must never
 * be looked up among the apps' files: that was a `stat` per API request (issue 17's rush), and
 * a file that happened to sit at an API path would shadow the API.
 */
describe('the apps’ files beside the API', () => {
  const roots = { display: '', counter: '' };
  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'loket-web-roots-'));
    roots.display = join(base, 'display');
    roots.counter = join(base, 'counter');
    for (const root of [roots.display, roots.counter]) {
      await mkdir(join(root, 'api', 'v1'), { recursive: true });
      await writeFile(join(root, 'index.html'), `<!doctype html><title>${root === roots.display ? 'display' : 'counter'}</title>`);
    }
    await writeFile(join(roots.display, 'app.js'), 'console.log("display")');
    await writeFile(join(roots.counter, 'app.js'), 'console.log("counter")');
    // A file where an API route is: the route must answer, not the file.
    await writeFile(join(roots.display, 'api', 'v1', 'offices'), 'from disk');
    await mkdir(join(roots.display, 'socket.io'), { recursive: true });
    await writeFile(join(roots.display, 'socket.io', 'socket.io.js'), 'from disk');
  });
  afterAll(async () => {
    await rm(join(roots.display, '..'), { recursive: true, force: true });
  });
  const t = useTestApp({ webRoots: roots });

  it('serves each app’s files and its index.html for its client-side routes', async () => {
    expect(await (await fetch(`${t.url}/app.js`)).text()).toBe('console.log("display")');
    expect(await (await fetch(`${t.url}/counter/app.js`)).text()).toBe('console.log("counter")');
    expect(await (await fetch(`${t.url}/kiosk`)).text()).toContain('<title>display</title>');
    expect(await (await fetch(`${t.url}/counter/supervisor`)).text()).toContain('<title>counter</title>');
  });

  it('never answers an API or socket.io path from the apps’ files', async () => {
    const offices = await fetch(`${t.url}/api/v1/offices`);
    expect(offices.status).toBe(200);
    expect(offices.headers.get('content-type')).toContain('application/json');
    expect(await offices.text()).not.toBe('from disk');
    const unknown = await fetch(`${t.url}/api/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(await (await fetch(`${t.url}/socket.io/socket.io.js`)).text()).not.toBe('from disk');
  });
});
