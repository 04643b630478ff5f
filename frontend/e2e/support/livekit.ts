import { INSTALL_HINT, LIVEKIT_VERSION, livekitBinaryPath } from '../../../backend/src/sfu/server/livekit-binary';
import { livekitServerConfig } from '../../../backend/src/sfu/server/livekit-server-config';
import { LivekitProcess as TestkitLivekit } from '../../../testkit/livekit';

export { LIVEKIT_CHROMIUM_ARGS } from '../../../testkit/livekit';

/** A livekit-server on free loopback ports, configured the way the backend's tooling does it. */
export class LivekitProcess extends TestkitLivekit {
  constructor() {
    const bin = livekitBinaryPath();
    super({
      bin,
      missing: `livekit-server ${LIVEKIT_VERSION} is not installed at ${bin}. Run: ${INSTALL_HINT}`,
      config: (ports) => livekitServerConfig({ ...ports, logLevel: 'warn' }),
    });
  }
}
