import { describe, expect, it } from "vitest";
import { applyPatch, mergePatch, patchTypeOf, UnsupportedPatchTypeError } from "./apply-patch";

const deployment = {
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: "web", image: "app:1", env: [{ name: "A", value: "1" }] }, { name: "sidecar", image: "proxy:1" }] } },
  },
};

describe("applyPatch", () => {
  it("applies a JSON merge patch (RFC 7386): objects merge, null removes, lists are replaced", () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({ a: 1, b: { d: 3, e: 4 }, f: [1] });
    const patched = applyPatch({ document: deployment, patchType: "merge", body: { spec: { replicas: 0 } } });
    expect(patched.spec.replicas).toBe(0);
    expect(deployment.spec.replicas).toBe(1);
  });

  it("merges containers by name in a strategic merge patch, as kubectl set image sends it", () => {
    const patched = applyPatch({ document: deployment, patchType: "strategic", body: { spec: { template: { spec: { containers: [{ name: "web", image: "app:2" }] } } } } });
    expect(patched.spec.template.spec.containers).toEqual([
      { name: "web", image: "app:2", env: [{ name: "A", value: "1" }] },
      { name: "sidecar", image: "proxy:1" },
    ]);
    const removed = applyPatch({ document: deployment, patchType: "strategic", body: { spec: { template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } } } } });
    expect(removed.spec.template.spec.containers.map((c) => c.name)).toEqual(["web"]);
  });

  it("applies a JSON patch (RFC 6902), and refuses one whose test fails", () => {
    expect(applyPatch({ document: deployment, patchType: "json", body: [{ op: "replace", path: "/spec/replicas", value: 3 }] }).spec.replicas).toBe(3);
    expect(() => applyPatch({ document: deployment, patchType: "json", body: [{ op: "test", path: "/spec/replicas", value: 9 }] })).toThrow();
  });

  it("chooses the patch type by Content-Type, refusing server-side apply", () => {
    expect(patchTypeOf("application/merge-patch+json; charset=utf-8")).toBe("merge");
    expect(patchTypeOf("application/json-patch+json")).toBe("json");
    expect(patchTypeOf("application/strategic-merge-patch+json")).toBe("strategic");
    expect(() => patchTypeOf("application/apply-patch+yaml")).toThrow(UnsupportedPatchTypeError);
  });
});
