/**
 * TEST SUPPORT: a console process that only runs the engine, with file-backed recording ports, until it is killed.
 * Used by the crash test: `node --import tsx lib/engine/testing/engine-child.ts <world-file> <environment>`.
 * DATABASE_URL comes from the parent test (childEnvironment).
 */
import { getEnvironment } from "../../catalogue/catalogue";
import { createRecordingPorts } from "../../integrations/testing/recording-ports";
import { startEngine } from "../start-engine";

const [file, environmentKey = "test"] = process.argv.slice(2);
if (!file) throw new Error("usage: engine-child.ts <world-file> [environment]");
const recording = createRecordingPorts({ file, environment: getEnvironment("aytq", environmentKey) });
await startEngine({ ports: recording.ports, pollIntervalSeconds: 0.2, sweepIntervalSeconds: 2 });
process.stdout.write("engine ready\n");
// Stay up until killed.
setInterval(() => undefined, 60_000);
