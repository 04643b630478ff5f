/**
 * Runs `fn` in a task of its own after the next frame is painted (a frame callback, then a
 * timer), so work started by a screen's first render stays off that render's paint; returns a cancel.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
