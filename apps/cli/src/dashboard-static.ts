import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Env, Hono, Next } from 'hono';
import { compress } from 'hono/compress';
import { dashboardMissingPage } from './dashboard-missing-page.ts';

/** `vite build` output of apps/dashboard, found from this file so any working directory works. */
export const DASHBOARD_DIST_DIR = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

/** Vite puts content-hashed files under assets/: a new build has new names, so they never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so the browser must ask again each time (a 304 is cheap). */
const REVALIDATE = 'no-cache';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the dashboard SPA next to the API: hashed assets with a year-long immutable cache, and
 * `index.html` for every other GET outside /api/ (client-side routes such as /projects/x). Without a
 * build it answers a page that says how to build one. `/api/*` is never touched.
 */
export function mountDashboard<E extends Env>(app: Hono<E>, options: { distDir: string; version: string }) {
  const indexFile = join(options.distDir, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    app.use(
      '/assets/*',
      // Set after the fact, on what compress() hands back: a header set inside serveStatic's onFound is
      // lost when the body is re-encoded.
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.res.headers.set('Cache-Control', IMMUTABLE);
      },
      compress(),
      serveStatic({ root: options.distDir }),
    );
    // A missing hashed asset is a 404, never index.html: a browser would try to run HTML as a script.
    app.get('/assets/*', (c) => c.text('Not found', 404));
  }
  app.get('*', async (c: Context<E>, next: Next) => {
    if (isApiPath(c.req.path)) return next();
    c.header('Cache-Control', REVALIDATE);
    // Read per request: a rebuild while the server runs is picked up without a restart (and a build
    // deleted meanwhile answers the missing page, not an error).
    const html = built ? await readFile(indexFile, 'utf8').catch(() => null) : null;
    return html === null ? c.html(dashboardMissingPage(options.version), 503) : c.html(html);
  });
  return { built };
}
