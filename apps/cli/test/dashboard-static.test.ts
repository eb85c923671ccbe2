import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDashboard } from '../src/dashboard-static.ts';

// The static half of `devtime serve` on its own: a fake build, an API route beside it, no browser.
describe('mountDashboard', () => {
  let dist: string;
  const appWith = (distDir: string) => {
    const app = new Hono();
    app.get('/api/health', (c) => c.json({ status: 'ok' }));
    const mounted = mountDashboard(app, { distDir, version: '9.9.9' });
    app.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
    return { app, ...mounted };
  };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'devtime-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app");'.repeat(100));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves hashed assets immutable and gzipped, and index.html for client routes', async () => {
    const { app, built } = appWith(dist);
    expect(built).toBe(true);
    const asset = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    for (const path of ['/', '/projects/devtime.io', '/agents/sessions/claude/abc?range=week']) {
      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="app">');
    }
  });

  it('answers 404 for a missing asset and leaves /api alone', async () => {
    const { app } = appWith(dist);
    expect((await app.request('/assets/index-gone.js')).status).toBe(404);
    expect(await (await app.request('/api/health')).json()).toEqual({ status: 'ok' });
    const unknown = await app.request('/api/unknown');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found' } });
  });

  it('explains how to build when there is no build', async () => {
    const { app, built } = appWith(join(dist, 'missing'));
    expect(built).toBe(false);
    const page = await app.request('/');
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain('DevTime 9.9.9: the dashboard is not built');
    expect(text).toContain('--filter @devtime/dashboard build');
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
