import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { InfluxError } from '../storage/influx-client.js';
import { HttpError, installErrorHandlers } from './errors.js';

function appThrowing(error: Error) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  app.get('/boom', async () => {
    throw error;
  });
  return app;
}

describe('error answers', () => {
  it('mask unexpected failures: no internal text or stack reaches the client', async () => {
    const res = await appThrowing(new Error('ECONNRESET at /var/lib/influxdb secret-host:8086')).inject({
      url: '/boom',
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal server error', code: 'INTERNAL', statusCode: 500 });
  });

  it('turn database failures into 503 without the database message', async () => {
    const res = await appThrowing(
      new InfluxError('InfluxDB answered 500: partial write on shard 7', 500),
    ).inject({
      url: '/boom',
    });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('shard');
  });

  it('pass client errors through with their code', async () => {
    const res = await appThrowing(new HttpError(409, 'CONFLICT_X', 'explained')).inject({ url: '/boom' });
    expect(res.json()).toEqual({ error: 'explained', code: 'CONFLICT_X', statusCode: 409 });
  });
});
