import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/** Runs a command to completion, inheriting stdio; rejects with its exit code on failure. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandFailed(`${path.basename(command)} ${args.join(" ")}`, code, signal));
    });
  });
}

export class CommandFailed extends Error {
  constructor(
    public readonly command: string,
    public readonly code: number | null,
    public readonly signal: NodeJS.Signals | null,
  ) {
    super(`${command} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    this.name = "CommandFailed";
  }
}

export function bin(name: string): string {
  return path.join(BIN, name);
}
