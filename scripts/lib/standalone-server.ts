import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { STANDALONE_DIR } from "./build";

/**
 * Starts the console's production server as the Dockerfile's image runs it: `node server.js` in Next's standalone
 * output (made complete by buildIfNeeded: scripts/lib/build.ts), with the port and the address it listens on in PORT
 * and HOSTNAME. `next start` is not used: Next says it "does not work with output: standalone", and the standalone
 * server is what production runs.
 */
export function spawnStandaloneServer(options: {
  port: number;
  host: string;
  /** The whole environment of the server (see lib/config/env.ts childEnvironment); PORT and HOSTNAME are set here. */
  env: NodeJS.ProcessEnv;
  stdio: SpawnOptions["stdio"];
}): ChildProcess {
  return spawn(process.execPath, [path.join(STANDALONE_DIR, "server.js")], {
    cwd: STANDALONE_DIR,
    stdio: options.stdio,
    // HOSTNAME explicitly: a shell or a container may have it set to the machine's name.
    env: { ...options.env, PORT: String(options.port), HOSTNAME: options.host, NODE_ENV: "production" },
  });
}
