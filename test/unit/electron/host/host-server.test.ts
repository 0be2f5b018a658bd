import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../electron/engine/api-dispatcher';
import { Engine } from '../../../../electron/engine/engine';
import { startHost, type RunningHost } from '../../../../electron/host/host-server';
import { JOB_WORKER, REPO_ROOT } from '../../../support/paths';

/** A raw request, so the Host header and cookies are exactly what the test says. */
function request(port: number, pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback host', () => {
  let engine: Engine;
  let host: RunningHost;
  beforeAll(async () => {
    engine = new Engine({ workerScript: JOB_WORKER });
    host = await startHost({ dispatch: createDispatcher(engine), events: engine.events, rendererDir: path.join(REPO_ROOT, 'dist', 'renderer') });
  });
  afterAll(async () => {
    await host.close();
    engine.close();
  });

  it('binds 127.0.0.1 and prints a tokenised URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses every request without the token: page, assets, API and events', async () => {
    for (const p of ['/', '/index.html', '/api/events', '/api/call/listTables', '/?token=wrong']) {
      const res = await request(host.port, p, { method: p.startsWith('/api/call') ? 'POST' : 'GET' });
      expect(res.status, p).toBe(403);
    }
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await request(host.port, `/?token=${host.token}`, { headers: { host: `evil.example:${host.port}` } });
    expect(res.status).toBe(403);
  });

  it('serves the app with the token, sets a strict cookie and CSP, then serves assets by cookie', async () => {
    const page = await request(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const script = await request(host.port, `/${asset!}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect((await request(host.port, `/../package.json?token=${host.token}`)).status).toBe(404);
  });

  it('answers API calls only with the token header, not with the cookie alone', async () => {
    const cookie = `rootwise_token=${host.token}`;
    expect((await request(host.port, '/api/call/getWorkbenchInfo', { method: 'POST', headers: { cookie }, body: '{}' })).status).toBe(403);
    const ok = await request(host.port, '/api/call/getWorkbenchInfo', { method: 'POST', headers: { 'x-rootwise-token': host.token }, body: '{}' });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: null });
    const unknown = await request(host.port, '/api/call/dropEverything', { method: 'POST', headers: { 'x-rootwise-token': host.token }, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { key: 'error.unknownMethod' } });
    const garbage = await request(host.port, '/api/call/listTables', { method: 'POST', headers: { 'x-rootwise-token': host.token }, body: '{not json' });
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false });
  });
});
