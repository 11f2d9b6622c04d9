/**
 * Discovery documents, in the legacy (unaggregated) form every client understands: `/api`, `/apis`, `/apis/apps`,
 * `/api/v1`, `/apis/apps/v1`. kubectl asks for the aggregated form (Accept
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`) first and falls back to these when the
 * answer's Content-Type is plain `application/json`, as a server older than 1.26 answers.
 */

export const SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.6",
  gitCommit: "ef8c3da5f4f0d2a6f4d6e8a2cbd8a4b3e2c1d0f9",
  gitTreeState: "clean",
  buildDate: "2025-06-17T18:36:11Z",
  goVersion: "go1.23.10",
  compiler: "gc",
  platform: "linux/amd64",
};

export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

const appsGroup = {
  name: "apps",
  versions: [{ groupVersion: "apps/v1", version: "v1" }],
  preferredVersion: { groupVersion: "apps/v1", version: "v1" },
};

export function apiGroupList() {
  return { kind: "APIGroupList", apiVersion: "v1", groups: [appsGroup] };
}

export function appsApiGroup() {
  return { kind: "APIGroup", apiVersion: "v1", ...appsGroup };
}

export function coreV1Resources() {
  return {
    kind: "APIResourceList",
    groupVersion: "v1",
    resources: [
      {
        name: "namespaces",
        singularName: "namespace",
        namespaced: false,
        kind: "Namespace",
        verbs: ["get", "list", "watch"],
        shortNames: ["ns"],
        storageVersionHash: "Q3oi5N2YM8M=",
      },
      {
        name: "pods",
        singularName: "pod",
        namespaced: true,
        kind: "Pod",
        verbs: ["get", "list"],
        shortNames: ["po"],
        categories: ["all"],
        storageVersionHash: "xPOwRZ+Yhw8=",
      },
    ],
  };
}

export function appsV1Resources() {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: "apps/v1",
    resources: [
      {
        name: "deployments",
        singularName: "deployment",
        namespaced: true,
        kind: "Deployment",
        verbs: ["get", "list", "patch", "update", "watch"],
        shortNames: ["deploy"],
        categories: ["all"],
        storageVersionHash: "8aSe+NMegvE=",
      },
      { name: "deployments/scale", singularName: "", namespaced: true, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] },
      { name: "deployments/status", singularName: "", namespaced: true, kind: "Deployment", verbs: ["get"] },
    ],
  };
}
