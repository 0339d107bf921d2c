import type { FastifyError, HookHandlerDoneFunction } from 'fastify';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { sendProblem } from './send-problem';
import { applySecurityHeaders } from '../security/security-headers';

type ResponseHook = (request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction) => void;

const noop = () => undefined;

/**
 * Fastify's `frameworkErrors`: what its router rejects before any hook or route runs leaves as a problem
 * document like every other error. A path parameter longer than the router's limit (set to the URL
 * limit) means an over-long URL; anything else is a URL whose percent-encoding is broken. Fastify runs
 * no hook for these, so the security headers are set and the access log and metrics hooks called here.
 */
export class FrameworkErrors {
  private observers: readonly ResponseHook[] = [];

  /** The hooks to run once such an answer is sent (they exist only after the adapter is built). */
  observe(hooks: readonly ResponseHook[]): void {
    this.observers = hooks;
  }

  readonly handler = (error: FastifyError, request: ApiRequest, reply: ApiReply): void => {
    applySecurityHeaders(reply);
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      sendProblem(reply, {
        status: 414,
        code: 'invalid_request',
        title: 'URL too long',
        detail: 'A path segment is longer than URLs may be.',
      });
    } else {
      sendProblem(reply, {
        status: 400,
        code: 'invalid_request',
        title: 'Invalid request',
        detail: 'The URL is not validly encoded.',
      });
    }
    for (const hook of this.observers) hook(request, reply, noop);
  };
}
