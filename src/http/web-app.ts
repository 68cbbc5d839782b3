import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express from 'express';
import { ErrorCode } from '../platform/errors.js';
import { sendError } from './error-response.js';
import { GRAPHQL_PATH } from './limits.js';

/**
 * Content-Security-Policy of the web app's pages: everything from this server, nothing from elsewhere (the app
 * must work on an intranet with no internet, and a page that tried to load a file from the internet would be
 * refused by the browser, not wait for it). Inline styles are allowed (React style attributes, GraphiQL);
 * workers from blob URLs are GraphiQL's editor. `'wasm-unsafe-eval'` lets the page compile WebAssembly (the
 * counter check's barcode reader, served from `/assets/` like everything else); it allows no JavaScript `eval`.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Paths the server answers itself; everything else that asks for HTML is the app's (deep links). */
const SERVER_PATHS = [GRAPHQL_PATH, '/cap/', '/reports/', '/healthz', '/readyz', '/metrics', '/assets/'];

/**
 * Serves the built web app from `webDir` (Vite's output): hashed files under `/assets/` cached for a year,
 * `/graphiql` (GraphiQL, bundled), and `index.html` for every other `GET` that accepts HTML, so that deep links
 * such as `/alerts/<id>` load the app. `GET /graphql` from a browser goes to `/graphiql` (Apollo's landing page
 * loads its IDE from the internet). When the app was not built, its pages answer 503 saying how to build it.
 */
export function webAppRouter(webDir: string): express.Router {
  const router = express.Router();
  const page = (file: string) => (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const path = join(webDir, file);
    if (!existsSync(path)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run build:web` (npm start does it).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', WEB_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.sendFile(path, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };

  // gzip for the app's files (the dashboard's first load is about a third of its size compressed).
  const compress = compression({ threshold: 1024 });
  router.get(GRAPHQL_PATH, (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') res.redirect(302, '/graphiql');
    else next();
  });
  router.use(
    '/assets',
    compress,
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }),
    (_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, 'Not found'),
  );
  router.get('/favicon.svg', (_req, res, next) => {
    res.sendFile(join(webDir, 'favicon.svg'), { maxAge: '1d' }, (err) => err && next());
  });
  router.get(['/graphiql', '/graphiql/'], compress, page('graphiql.html'));
  router.get(/.*/, (req, res, next) => {
    // Case-insensitive, as express's routes are (`/CAP/…` is the CAP route, not the app).
    const path = req.path.toLowerCase();
    const isServerPath = SERVER_PATHS.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
    if (isServerPath || req.accepts(['text/html', 'application/json']) !== 'text/html') {
      next();
      return;
    }
    compress(req, res, () => page('index.html')(req, res, next));
  });
  return router;
}
