import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Pings every socket each `intervalMs` and ends those that answered nothing (no pong, no message)
 * since the previous ping, as graphql-ws's own keep-alive does, but with one timer for the server
 * instead of an interval and a timeout per socket. A tick that comes late (this process stalled,
 * say under a burst) ends nobody: the clients' pongs may be waiting unread, and ending them would
 * drop subscribers that are connected and well.
 */
export function keepSocketsAlive(wss: WebSocketServer, intervalMs = 12_000): () => void {
  const answered = new WeakSet<WebSocket>();
  function mark(this: WebSocket) {
    answered.add(this);
  }
  wss.on('connection', (ws) => {
    answered.add(ws);
    ws.on('pong', mark);
    ws.on('message', mark);
  });
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last > intervalMs * 1.5;
    last = now;
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (!late && !answered.has(ws)) {
        ws.terminate();
        continue;
      }
      answered.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
