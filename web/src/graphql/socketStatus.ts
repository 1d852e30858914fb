// Whether the live-updates socket is up, for a small "Reconnecting…" notice. The socket is lazy: it
// closes normally (1000) when no subscription needs it, which is not an outage.
export type SocketStatus = 'idle' | 'connected' | 'reconnecting';

let status: SocketStatus = 'idle';
const listeners = new Set<() => void>();

export function setSocketStatus(next: SocketStatus): void {
  if (next === status) return;
  status = next;
  for (const l of listeners) l();
}

export function getSocketStatus(): SocketStatus {
  return status;
}

export function onSocketStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Waits after the n-th failed try: doubling from 1 s, capped at 10 s, with jitter so clients spread out. */
export function retryWait(retries: number): Promise<void> {
  const base = Math.min(10_000, 1000 * 2 ** retries);
  return new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * (base / 2)));
}
