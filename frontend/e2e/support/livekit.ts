// The livekit-server helper lives in testkit/, shared with the benchmarks (bench/browser).
export { LIVEKIT_CHROMIUM_ARGS, LivekitProcess } from '../../../testkit/livekit';
