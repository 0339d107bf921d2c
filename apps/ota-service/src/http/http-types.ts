import type { FastifyReply, FastifyRequest } from 'fastify';

/** The request and reply our controllers, guards and filters see (the service runs on Fastify). */
export type ApiRequest = FastifyRequest;
export type ApiReply = FastifyReply;
