// A timer in a worker: browsers throttle timers and stop requestAnimationFrame in hidden tabs,
// but not a dedicated worker's timers nor the messages it posts. The recorder draws on each tick.
// Backpressure: no new tick until the page says it drew the last one ('done'), so a page too busy
// to keep up drops frames instead of queueing ticks without end (which would starve everything
// else on its main thread, the signaling connection's heartbeat included).
let timer: ReturnType<typeof setInterval> | undefined;
let waiting = false;

self.onmessage = (event: MessageEvent<number | 'done'>) => {
  if (event.data === 'done') {
    waiting = false;
    return;
  }
  clearInterval(timer);
  waiting = false;
  if (event.data > 0) {
    timer = setInterval(() => {
      if (waiting) return;
      waiting = true;
      self.postMessage(0);
    }, event.data);
  }
};
