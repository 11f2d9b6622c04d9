/**
 * Next.js calls `register()` once when a server process starts, for each runtime. The console's run engine (pg-boss
 * worker and resume sweep) runs in the Node.js runtime only, once per console process, with the ports configuration
 * chooses (lib/integrations/create-ports.ts). `process.env.NEXT_RUNTIME` is read here, not through lib/config/env.ts,
 * because Next replaces this literal at build time: that is what keeps the Node-only engine out of the edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startConsoleEngine } = await import("./instrumentation-node");
  await startConsoleEngine();
}
