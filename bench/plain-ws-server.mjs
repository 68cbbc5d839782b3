// The floor of the fan-out benchmark: a plain `ws` server that, when asked over IPC, sends the given bytes
// to every connected socket and answers with the time it started sending (ms since the epoch).
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT) }, () => console.log('listening'));
process.on('message', ({ broadcast }) => {
  const startedAt = Date.now();
  for (const socket of server.clients) socket.send(broadcast);
  process.send(startedAt);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
