/**
 * `npm run dev`: the API and Vite, plus a local LiveKit when its binary is installed (then
 * meetings past the mesh cap move to it). Without it, meetings stay peer to peer and this says
 * so once. A LIVEKIT_URL of your own (environment or backend/.env) is used as is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { concurrently } from 'concurrently';
import dotenv from 'dotenv';
import { INSTALL_HINT, livekitBinaryPath } from '../backend/src/sfu/server/livekit-binary.js';
import { ROOT, devSfuEnv } from './dev-sfu.js';

const fileEnv = dotenv.config({ path: path.join(ROOT, 'backend/.env'), processEnv: {}, quiet: true }).parsed ?? {};
const ownSfu = process.env.LIVEKIT_URL ?? fileEnv.LIVEKIT_URL;
type Command = { command: string; name: string; prefixColor: string; env?: Record<string, string> };
const api: Command = { command: 'npm -w backend run dev', name: 'api', prefixColor: 'blue' };
const commands: Command[] = [api, { command: 'npm -w frontend run dev', name: 'web', prefixColor: 'magenta' }];

if (ownSfu) {
  console.log(`[dev] using the SFU at ${ownSfu} (LIVEKIT_URL)`);
} else if (existsSync(livekitBinaryPath())) {
  api.env = devSfuEnv({ ...fileEnv, ...process.env });
  commands.push({ command: 'node --import tsx scripts/sfu.ts start', name: 'sfu', prefixColor: 'green' });
} else {
  console.log(`[dev] LiveKit is not installed: meetings stay peer to peer (mesh cap). For larger meetings: ${INSTALL_HINT}`);
}

const { result } = concurrently(commands, { killOthersOn: ['failure', 'success'], cwd: ROOT });
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
