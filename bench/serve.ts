/**
 * The server as `suoja serve` runs it (the same `startServer`, configuration from the
 * environment), plus — in this benchmark process only, never in the product — a bare Fastify
 * route on BENCH_BARE_PORT that reads a client's row with one query through the same database
 * connection. The ratio of the product's routes to this floor is what the benchmark reports.
 * Beside it a second floor, the bare *logged* read: the same row and an entry appended to the
 * audit trail's hash chain in the same statement, as every read of a person's data must be —
 * what no client page can cost less than.
 *
 *   BENCH_SERVER=built|tsx BENCH_BARE_PORT=… PORT=… node --import tsx bench/serve.ts
 *
 * `built` runs the compiled server in dist/ (what `npm start` runs); `tsx` the sources.
 */
import Fastify from 'fastify';

type ServerModule = typeof import('../src/server/server.js');
type ConfigModule = typeof import('../src/server/config.js');
type AuditModule = typeof import('../src/server/audit/audit.js');
type ActorModule = typeof import('../src/server/access/actor.js');
type ClientsModule = typeof import('../src/server/modules/clients/clients.service.js');

const root = process.env.BENCH_SERVER === 'built' ? '../dist/server' : '../src/server';
const { startServer } = (await import(`${root}/server.js`)) as ServerModule;
const { loadConfig } = (await import(`${root}/config.js`)) as ConfigModule;
const { auditAppendCall } = (await import(`${root}/audit/audit.js`)) as AuditModule;
const { operatorActor } = (await import(`${root}/access/actor.js`)) as ActorModule;
const { PERSON_COLUMNS: PERSON } = (await import(`${root}/modules/clients/clients.service.js`)) as ClientsModule;

const server = await startServer(loadConfig(process.env));
const db = server.context.database.db;

const reader = operatorActor('benchmark floor');

const bare = Fastify({ logger: false });
bare.get<{ Params: { id: string } }>('/bare/clients/:id', async (request, reply) => {
  const row = await db.selectFrom('person').select(PERSON).where('id', '=', request.params.id).executeTakeFirst();
  if (!row) return reply.code(404).send({ error: 'not_found' });
  return row;
});
bare.get<{ Params: { id: string } }>('/bare/logged/clients/:id', async (request, reply) => {
  const entry = { action: 'client.read', objectType: 'person', objectIds: [request.params.id] };
  const row = await db
    .selectFrom('person')
    .select(PERSON)
    .select(auditAppendCall(reader, entry, new Date()).as('auditSeq'))
    .where('id', '=', request.params.id)
    .executeTakeFirst();
  if (!row) return reply.code(404).send({ error: 'not_found' });
  return row;
});
await bare.listen({ port: Number(process.env.BENCH_BARE_PORT ?? 0), host: '127.0.0.1' });

const stop = async () => {
  await bare.close();
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdout.write(`BENCH_READY ${JSON.stringify({ app: server.url, bare: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}` })}\n`);
