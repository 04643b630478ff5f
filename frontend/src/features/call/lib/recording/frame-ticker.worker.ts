// A timer in a worker: browsers throttle timers and stop requestAnimationFrame in hidden tabs,
// but not a dedicated worker's timers nor the messages it posts. The recorder draws on each tick.
// Backpressure: the next tick is only scheduled once the page says it drew the last one ('done'),
// and never sooner than a third of an interval after that, so a page too busy to keep up drops
// frames and still has time for everything else (input, the signaling connection's heartbeat).
let interval = 0;
let lastTick = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  lastTick = performance.now();
  self.postMessage(0);
}

self.onmessage = (event: MessageEvent<number | 'done'>) => {
  if (event.data === 'done') {
    if (interval > 0) timer = setTimeout(tick, Math.max(lastTick + interval - performance.now(), interval / 3));
    return;
  }
  clearTimeout(timer);
  interval = event.data;
  if (interval > 0) tick();
};
