// For the live-stream tests: a render's stage event as the workers publish it, and a raw
// graphql-transport-ws client that keeps every frame as received (to read bytes, or stop reading).
import WebSocket from 'ws';

/** A STAGE_PROGRESS event whose `elapsedMs` carries `seq`, so a receiver can check order and gaps. */
export const stageEvent = (renderId: string, seq: number) => ({
  renderId,
  kind: 'STAGE_PROGRESS' as const,
  stageId: null,
  stageName: 'segment:0',
  status: 'RUNNING',
  progress: 0.5,
  elapsedMs: seq,
  at: new Date().toISOString(),
});

export type WsMessage = { id?: string; type: string; payload?: any };

/** Connected and acknowledged, with `key`'s credentials; `frames` are the raw messages in order. */
export async function rawWsClient(serverUrl: string, key: string) {
  const ws = new WebSocket(serverUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  const messages = (): WsMessage[] => frames.map((f) => JSON.parse(f) as WsMessage);
  /** The first frame that `pred` accepts (given parsed and raw), polling until `timeoutMs`. */
  const waitFor = async (pred: (m: WsMessage, frame: string) => boolean, timeoutMs = 20_000): Promise<{ message: WsMessage; frame: string }> => {
    const started = Date.now();
    for (;;) {
      for (const frame of frames) {
        const message = JSON.parse(frame) as WsMessage;
        if (pred(message, frame)) return { message, frame };
      }
      if (Date.now() - started > timeoutMs) throw new Error(`no such frame; last: ${frames.slice(-3).join(' ').slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }));
  await waitFor((m) => m.type === 'connection_ack');
  return { ws, frames, messages, waitFor };
}
