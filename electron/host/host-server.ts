import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { API_EVENTS, HTTP_CALL_PATH, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../shared/api/contract';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { RootwiseError, toErrorPayload } from '../../shared/errors/rootwise-error';
import type { Dispatch } from '../engine/api-dispatcher';
import type { EngineEvents } from '../engine/engine-events';

/** The same CSP as the desktop window: nothing but the app's own origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

const MAX_BODY_BYTES = 1024 * 1024 * 1024;
const COOKIE = 'rootwise_token';

export interface HostOptions {
  readonly dispatch: Dispatch;
  readonly events: EngineEvents;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number | undefined;
  /** Absent: a random token for this run. */
  readonly token?: string | undefined;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (given === undefined || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: http.IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RootwiseError('error.invalidRequest', { method: request.url ?? '', detail: 'request body too large' }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * `rootwise serve`: the API and the renderer on 127.0.0.1 only. Every request must carry the
 * per-run token (query, header or the cookie set when the page was opened with it) and name
 * this host in its Host header (against DNS rebinding); anything else gets 403.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = options.events.onAny((event, payload) => {
    const frame = `event: ${event}\ndata: ${encodeWire(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const baseHeaders = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  const forbid = (response: http.ServerResponse): void => {
    response.writeHead(403, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
    response.end('403 Forbidden: this Rootwise host needs its token. / 需要本次运行的访问令牌。\n');
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const host = request.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return forbid(response);
      const queryToken = url.searchParams.get('token');
      const headerToken = request.headers[HTTP_TOKEN_HEADER];
      const authorised =
        sameToken(queryToken, token) || sameToken(typeof headerToken === 'string' ? headerToken : undefined, token) || sameToken(cookieToken(request), token);
      if (!authorised) return forbid(response);

      if (url.pathname.startsWith(HTTP_CALL_PATH)) {
        if (request.method !== 'POST' || !sameToken(typeof headerToken === 'string' ? headerToken : undefined, token)) return forbid(response);
        const method = decodeURIComponent(url.pathname.slice(HTTP_CALL_PATH.length));
        let body: string;
        try {
          body = await readBody(request);
        } catch (error) {
          response.writeHead(413, { ...baseHeaders, 'content-type': 'application/json; charset=utf-8' });
          response.end(encodeWire({ ok: false, error: toErrorPayload(error) }));
          return;
        }
        let raw: unknown;
        try {
          raw = body === '' ? {} : decodeWire(body);
        } catch {
          raw = Symbol('unparseable');
        }
        const result = await options.dispatch(method, typeof raw === 'symbol' ? null : raw);
        response.writeHead(200, { ...baseHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        response.end(encodeWire(result));
        return;
      }

      if (url.pathname === HTTP_EVENTS_PATH) {
        response.writeHead(200, { ...baseHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(`: events ${API_EVENTS.join(' ')}\n\n`);
        sseClients.add(response);
        request.on('close', () => sseClients.delete(response));
        return;
      }

      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, baseHeaders);
        response.end();
        return;
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(rendererDir, relative);
      if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        response.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
        response.end('404 Not Found\n');
        return;
      }
      const headers: Record<string, string> = {
        ...baseHeaders,
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': relative === 'index.html' ? 'no-store' : 'private, max-age=3600',
      };
      if (queryToken !== null) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      response.writeHead(200, headers);
      if (request.method === 'HEAD') response.end();
      else fs.createReadStream(file).pipe(response);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { ...baseHeaders, 'content-type': 'application/json; charset=utf-8' });
      response.end(encodeWire({ ok: false, error: toErrorPayload(error) }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  const keepAlive = setInterval(() => {
    for (const client of sseClients) client.write(': keep-alive\n\n');
  }, 15_000);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        unsubscribe();
        for (const client of sseClients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
