import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './send-problem';

/**
 * Fastify's `frameworkErrors`: what its router rejects before any hook or route runs leaves as a problem
 * document like every other error. A path parameter longer than the router's limit (set to the URL
 * limit) means an over-long URL; anything else is a URL whose percent-encoding is broken.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, {
      status: 414,
      code: 'invalid_request',
      title: 'URL too long',
      detail: 'A path segment is longer than URLs may be.',
    });
    return;
  }
  sendProblem(reply, {
    status: 400,
    code: 'invalid_request',
    title: 'Invalid request',
    detail: 'The URL is not validly encoded.',
  });
}
