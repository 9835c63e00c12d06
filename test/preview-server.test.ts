/**
 * The static server of npm start (scripts/preview-server.ts) on a small site folder
 * with a secret beside it and a link out of it: pages with their content types, a
 * folder redirected to its trailing slash, and every path that tries to climb out,
 * hide or break the decoding answered with a plain 400 or the site's 404 page, with
 * no stack trace and no path of the machine.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../scripts/preview-server.ts';
import { writeRepo } from './helpers/repo.ts';

interface Reply {
  readonly status: number;
  readonly type: string | undefined;
  readonly location: string | undefined;
  readonly body: string;
}

let root: string;
let server: Server;
let port: number;

/** A request with the path sent exactly as written (fetch would normalize the dots away). */
function get(path: string, method = 'GET', at = port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: at, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = writeRepo({
    'package.json': '{"name":"secret-beside-the-site"}',
    'dist/index.html': '<h1>Home</h1>',
    'dist/404.html': '<h1>Page not found</h1>',
    'dist/journeys/welcome/index.html': '<h1>Welcome</h1>',
    'dist/_astro/site.css': 'body{}',
    'dist/_astro/page.js': 'export {};',
    'dist/pagefind/pagefind-entry.json': '{}',
    'dist/pagefind/index/en_1.pf_index': 'bytes',
    'dist/.journeys-site': 'marker\n',
  });
  symlinkSync(join(root, 'package.json'), join(root, 'dist', 'leak.json'));
  mkdirSync(join(root, 'dist', 'empty'));
  ({ server, port } = await serveSite(join(root, 'dist'), '127.0.0.1', 0));
});

afterAll(() => {
  server?.close();
  server?.closeAllConnections();
});

describe('the preview server of npm start', () => {
  it('serves the pages and files of the site with their content types', async () => {
    const home = await get('/');
    expect(home).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>Home</h1>' });
    expect(await get('/journeys/welcome/')).toMatchObject({ status: 200, body: '<h1>Welcome</h1>' });
    expect(await get('/journeys/welcome/?q=1#top')).toMatchObject({ status: 200, body: '<h1>Welcome</h1>' });
    expect(await get('/journeys/%77elcome/')).toMatchObject({ status: 200, body: '<h1>Welcome</h1>' });
    expect(await get('/_astro/site.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('/_astro/page.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await get('/pagefind/pagefind-entry.json')).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect(await get('/pagefind/index/en_1.pf_index')).toMatchObject({ status: 200, type: 'application/octet-stream', body: 'bytes' });
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('redirects a folder to its trailing slash', async () => {
    expect(await get('/journeys/welcome')).toMatchObject({ status: 301, location: '/journeys/welcome/' });
  });

  it('answers a path that climbs out, hides or cannot be decoded with a plain 400 or the 404 page, and no path or stack', async () => {
    const refused: [string, number][] = [
      ['/..%2fpackage.json', 400],
      ['/..%2Fpackage.json', 400],
      ['/%2e%2e/', 400],
      ['/%2e%2e/package.json', 400],
      ['/../package.json', 400],
      ['/journeys/../../package.json', 400],
      ['/..%5cpackage.json', 400],
      ['/%', 400],
      ['/%E0%A4%A', 400],
      ['/%zz', 400],
      ['/index.html%00.css', 400],
      ['/journeys%2fwelcome/', 400],
      ['/leak.json', 404],
      ['/.journeys-site', 404],
      ['//example.com/', 404],
      ['/no-such-page/', 404],
      ['/empty/', 404],
    ];
    for (const [path, status] of refused) {
      const reply = await get(path);
      expect(reply.status, path).toBe(status);
      expect(reply.body, path).not.toContain('secret-beside-the-site');
      expect(reply.body, path).not.toContain(root);
      expect(reply.body, path).not.toMatch(/^\s+at |Error/m);
      if (status === 404) expect(reply.body, path).toBe('<h1>Page not found</h1>');
      else expect(reply.body, path).toBe('Bad request\n');
    }
  });

  it('serves only GET and HEAD', async () => {
    expect(await get('/', 'POST')).toMatchObject({ status: 405, body: 'Method not allowed\n' });
  });

  it('answers a plain 404 when the site has no 404 page', async () => {
    const bare = writeRepo({ 'site/index.html': 'home' });
    const other = await serveSite(join(bare, 'site'), '127.0.0.1', 0);
    try {
      const reply = await get('/missing', 'GET', other.port);
      expect(reply).toMatchObject({ status: 404, type: 'text/plain; charset=utf-8', body: 'Not found\n' });
    } finally {
      other.server.close();
    }
  });

  it('takes the next port when the one asked for is in use', async () => {
    const bare = writeRepo({ 'site/index.html': 'home' });
    const next = await serveSite(join(bare, 'site'), '127.0.0.1', port);
    try {
      expect(next.port).toBeGreaterThan(port);
    } finally {
      next.server.close();
    }
  });
});
