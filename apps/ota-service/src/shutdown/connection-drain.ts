import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HookHandlerDoneFunction } from 'fastify';
import type { Server } from 'node:http';
import type { ApiReply, ApiRequest } from '../http/http-types';

/**
 * Graceful shutdown for keep-alive clients. Closing the server stops new connections and closes idle
 * ones, but a connection busy at that moment would stay open (and hold the process) after its answer.
 * While draining, answers carry `Connection: close` and each finished one closes its now idle socket.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown {
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** True from the moment shutdown began: readiness turns 503 so the load balancer stops sending. */
  get isDraining(): boolean {
    return this.draining;
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    this.server().closeIdleConnections();
  }

  /** `onRequest` hook: while draining, tell the client this connection ends with the answer. */
  readonly onRequest = (_request: ApiRequest, reply: ApiReply, done: HookHandlerDoneFunction): void => {
    if (this.draining) void reply.header('Connection', 'close');
    done();
  };

  /** `onResponse` hook: while draining, close the socket the answer just left idle. */
  readonly onResponse = (_request: ApiRequest, _reply: ApiReply, done: HookHandlerDoneFunction): void => {
    if (this.draining) setImmediate(() => this.server().closeIdleConnections());
    done();
  };

  private server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }
}
