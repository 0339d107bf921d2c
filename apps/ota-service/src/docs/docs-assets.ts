import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { dirname } from 'node:path';

const SWAGGER_UI_DIST = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The files of swagger-ui-dist our docs page loads (see docs.controller.ts), and nothing else: the
 * package also ships its own Petstore index.html, an OAuth2 redirect page and its package.json.
 */
export const DOCS_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

/** Serves DOCS_ASSETS under /docs/ (with @fastify/static's ETag, Last-Modified and range support). */
export async function serveDocsAssets(fastify: FastifyInstance): Promise<void> {
  // An encapsulated plugin: `reply.sendFile` stays local to these routes.
  await fastify.register(async (docs) => {
    await docs.register(fastifyStatic, { root: SWAGGER_UI_DIST, serve: false });
    for (const file of DOCS_ASSETS) docs.get(`/docs/${file}`, (_request, reply) => reply.sendFile(file));
  });
}
