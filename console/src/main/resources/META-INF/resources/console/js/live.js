// The inbox's live stream (Server-Sent Events through the gateway). EventSource retries a dropped connection by
// itself; when the browser gives up (an error status, e.g. a gateway restart), we open a new one with backoff.
const MAX_BACKOFF_MS = 10000;

/**
 * onChange(id) for every created or revised notification; onReady(reconnected) when the stream is (re)opened,
 * so the page can re-read what it may have missed meanwhile.
 */
export function openLive({ onChange, onReady, indicator }) {
  let backoff = 1000;
  let opened = false;
  let source;
  const set = (state, text) => {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = text;
  };
  const connect = () => {
    source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
    source.addEventListener('ready', () => {
      backoff = 1000;
      set('live', 'Live: new notifications appear here');
      onReady(opened);
      opened = true;
    });
    source.addEventListener('notification', (event) => {
      try {
        onChange(JSON.parse(event.data).id);
      } catch {
        onChange(event.lastEventId);
      }
    });
    source.addEventListener('error', () => {
      set('reconnecting', 'Reconnecting to live updates…');
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    });
  };
  connect();
  addEventListener('pagehide', () => source && source.close());
  return { close: () => source && source.close() };
}
