import { INSTALL_HINT, LIVEKIT_VERSION, livekitBinaryPath } from '../../backend/src/sfu/server/livekit-binary.js';
import { livekitServerConfig } from '../../backend/src/sfu/server/livekit-server-config.js';
import { LivekitProcess } from '../../testkit/livekit.js';

/** livekit-server as the browser suite runs it (loopback, the backend's configuration). */
export function benchLivekit(): LivekitProcess {
  const bin = livekitBinaryPath();
  return new LivekitProcess({
    bin,
    missing: `livekit-server ${LIVEKIT_VERSION} is not installed at ${bin}. Run: ${INSTALL_HINT}`,
    config: (ports) => livekitServerConfig({ ...ports, logLevel: 'warn' }),
  });
}
