import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Graceful shutdown for keep-alive clients. Closing the server stops new connections and closes idle
 * ones, but a connection busy at that moment would stay open (and hold the process) after its answer.
 * While draining, answers carry `Connection: close` and each finished one closes its now idle socket.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown {
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    this.draining = true;
    this.server().closeIdleConnections();
  }

  readonly middleware: RequestHandler = (_req, res, next) => {
    if (this.draining) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      if (this.draining) setImmediate(() => this.server().closeIdleConnections());
    });
    next();
  };

  private server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }
}
