import { useSyncExternalStore } from 'react';
import { getSocketStatus, onSocketStatus, type SocketStatus } from './socketStatus';

/** The live-updates socket's state: 'reconnecting' while it is down with subscriptions waiting. */
export function useSocketStatus(): SocketStatus {
  return useSyncExternalStore(onSocketStatus, getSocketStatus, getSocketStatus);
}
