/**
 * The static server of npm start: serves the built site from one folder and
 * nothing else. A request path is decoded segment by segment, and a segment that
 * could climb or hide ("..", ".", a slash or NUL once decoded, a dotfile) is
 * refused; the file found is served only when its real path is inside the folder's,
 * so no link leads out. Errors are a plain status and page: no stack, no path.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The content type of a file, by its extension; bytes for what is not known (Pagefind's index files). */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The decoded segments of a request path, or the status that refuses it. */
export function segmentsOf(url: string): string[] | 400 | 404 {
  const path = url.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/')) return 400;
  const raw = path.split('/').slice(1);
  // An empty segment but the last (a trailing slash): "//host" would redirect off the site.
  if (raw.slice(0, -1).includes('')) return 404;
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return 400;
    }
    if (/[/\\\0]/.test(segment) || segment === '..' || segment === '.') return 400;
    if (segment.startsWith('.')) return 404;
    segments.push(segment);
  }
  return segments;
}

type Found = { readonly file: string; readonly size: number } | { readonly redirect: string } | undefined;

/** The file a request path names in the site folder (a folder's index.html), by real path inside it. */
function find(realRoot: string, segments: readonly string[], path: string): Found {
  let real: string;
  try {
    real = realpathSync(join(realRoot, ...segments));
  } catch {
    return undefined;
  }
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return undefined;
  const stats = statSync(real, { throwIfNoEntry: false });
  if (stats?.isFile()) return { file: real, size: stats.size };
  if (!stats?.isDirectory()) return undefined;
  // The site's links end with a slash (trailingSlash: always): its relative links count on it.
  if (!path.endsWith('/')) return { redirect: `${path}/` };
  return find(realRoot, [...segments, 'index.html'], `${path}index.html`);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-content-type-options': 'nosniff' });
  response.end(text);
}

function send(request: IncomingMessage, response: ServerResponse, status: number, file: string, size: number): void {
  response.writeHead(status, { 'content-type': contentType(file), 'content-length': size, 'x-content-type-options': 'nosniff' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** The request handler that serves the site in `root`. */
export function siteHandler(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  const realRoot = realpathSync(root);
  const notFound = (request: IncomingMessage, response: ServerResponse): void => {
    const page = find(realRoot, ['404.html'], '/404.html');
    if (page && 'file' in page) send(request, response, 404, page.file, page.size);
    else plain(response, 404, 'Not found\n');
  };
  return (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('allow', 'GET, HEAD');
        plain(response, 405, 'Method not allowed\n');
        return;
      }
      const url = request.url ?? '/';
      const segments = segmentsOf(url);
      if (segments === 400) return plain(response, 400, 'Bad request\n');
      if (segments === 404) return notFound(request, response);
      const path = url.split(/[?#]/, 1)[0]!;
      const found = find(realRoot, segments, path);
      if (found === undefined) return notFound(request, response);
      if ('redirect' in found) {
        response.writeHead(301, { location: found.redirect });
        response.end();
        return;
      }
      send(request, response, 200, found.file, found.size);
    } catch {
      if (!response.headersSent) plain(response, 500, 'Internal error\n');
      else response.destroy();
    }
  };
}

/** Listens on `port`, or the next free one of the ten after it; port 0 takes any free one. */
export function serveSite(root: string, host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer(siteHandler(root));
  return new Promise((resolve, reject) => {
    let tried = 0;
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && port !== 0 && tried < 10) {
        tried += 1;
        server.listen(port + tried, host);
      } else reject(error);
    });
    server.on('listening', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : port });
    });
    server.listen(port, host);
  });
}
