// A timer in a worker: browsers throttle timers and stop requestAnimationFrame in hidden tabs,
// but not a dedicated worker's timers nor the messages it posts. The recorder draws on each tick.
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (event: MessageEvent<number>) => {
  clearInterval(timer);
  if (event.data > 0) timer = setInterval(() => self.postMessage(0), event.data);
};
