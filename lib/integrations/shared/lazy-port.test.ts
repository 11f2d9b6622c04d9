import { describe, expect, it } from "vitest";
import { lazyPort } from "./lazy-port";

interface Greeter {
  greet(name: string): Promise<string>;
}

describe("a port loaded on its first call", () => {
  it("loads nothing until a method is called, then loads once and keeps `this`", async () => {
    let loads = 0;
    const port = lazyPort<Greeter>(async () => {
      loads += 1;
      return { prefix: "Hello", async greet(this: { prefix: string }, name: string) { return `${this.prefix}, ${name}`; } } as unknown as Greeter;
    });
    expect(loads).toBe(0);
    expect(await port).toBe(port);
    expect(loads).toBe(0);
    expect(await Promise.all([port.greet("Ada"), port.greet("Rhys")])).toEqual(["Hello, Ada", "Hello, Rhys"]);
    expect(loads).toBe(1);
  });

  it("fails the call when the load fails, and tries again on the next call", async () => {
    let loads = 0;
    const port = lazyPort<Greeter>(async () => {
      loads += 1;
      if (loads === 1) throw new Error("Cannot find module '@kubernetes/client-node'");
      return { greet: async (name: string) => `Hi ${name}` };
    });
    await expect(port.greet("Ada")).rejects.toThrow("Cannot find module");
    expect(await port.greet("Ada")).toBe("Hi Ada");
    await expect((port as unknown as { missing: () => Promise<void> }).missing()).rejects.toThrow("The port has no method missing.");
  });
});
