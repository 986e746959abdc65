// The baseline for bench/fanout.ts: a bare `ws` server doing the same fan-out with no rooms, rules, auth or
// storage. Every text frame it receives is sent to every connected client. Prints its URL once listening.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const text = data.toString();
    for (const client of wss.clients) if (client.readyState === 1) client.send(text);
  });
});
wss.on('listening', () => process.stdout.write(`bare server listening on ws://127.0.0.1:${wss.address().port}\n`));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
