/**
 * The ceiling of the stack: fastify 5 on the predict route, parsing the same JSON body and answering
 * a constant prediction per text (no featurizing, no model). One process, logging off.
 *
 *   tsx bare-fastify.ts <port>
 */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const ROW = { label: 'ham', probabilities: { ham: 0.9, spam: 0.1 } };
const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });

app.post<{ Params: { name: string }; Body: { texts?: unknown } }>('/v1/models/:name/predict', (request, reply) => {
  const count = Array.isArray(request.body.texts) ? request.body.texts.length : 0;
  if (count === 0) return reply.code(400).send({ error: 'texts must be a non-empty array' });
  return { model: request.params.name, version: 1, predictions: Array.from({ length: count }, () => ROW) };
});

await app.listen({ host: '127.0.0.1', port });
