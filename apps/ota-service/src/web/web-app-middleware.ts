import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

/** Paths the API owns; the web app's fallback never answers them. */
const API_PREFIXES = ['/api/', '/health/', '/docs', '/openapi.json', '/metrics', '/connect-service/', '/__'];

/**
 * Serves the built web app from `webRoot` and answers deep links (`/orgs/o/jobs/j`) with its
 * index.html, so the browser router can take over. Returns null when no build is there.
 */
export function webAppMiddleware(webRoot: string): RequestHandler[] | null {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return null;
  const assets = express.static(webRoot, { index: false, maxAge: '1h', immutable: false });
  const fallback: RequestHandler = (req, res, next) => {
    const isPageRequest = (req.method === 'GET' || req.method === 'HEAD') && req.accepts('html') === 'html';
    if (
      !isPageRequest ||
      API_PREFIXES.some((prefix) => req.path === prefix.replace(/\/$/, '') || req.path.startsWith(prefix))
    ) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [assets, fallback];
}
