import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/catalogue/catalogue";
import type { StartedSandbox } from "../index";
import { serverResourceId } from "./state";
import { armRequest, controlRequest } from "./testing/arm-request";
import { ContractValidator, DIAGNOSTIC_EXAMPLES, EXAMPLES_2025, readContract } from "./testing/contract-validator";
import { startTestSandbox } from "./testing/start-test-sandbox";

/**
 * Contract fidelity: what the ARM stand-in answers is checked against the Azure REST API specs in
 * ../shared/contracts (ajv; undeclared properties rejected, closed enums), and the official example requests
 * are sent to it and must get the example's answer (202 with Azure-AsyncOperation and Location).
 */

const test = getEnvironment("aytq", "test");
const preprod = getEnvironment("aytq", "preprod");
const production = getEnvironment("aytq", "production");
const strict = new ContractValidator({ openEnums: false });
const examples = new ContractValidator({ openEnums: true });
const SERVER_PATH = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}";
let sandbox: StartedSandbox;

type Example = { parameters: { parameters?: Record<string, unknown> }; responses: Record<string, { headers?: Record<string, string>; body?: unknown }> };
const example = (name: string) => readContract(`${EXAMPLES_2025}/${name}.json`) as unknown as Example;

function serverPath(group: string, name: string, apiVersion = "2025-08-01"): string {
  const env = [test, preprod, production].find((e) => e.resourceGroup === group)!;
  return `${serverResourceId({ subscriptionId: env.subscriptionId, resourceGroup: group, name })}?api-version=${apiVersion}`;
}

const arm = (method: string, path: string, body?: unknown) => armRequest({ arm: sandbox.endpoints.arm, method, path, body });

/** Follows an Azure-AsyncOperation URL to the end, checking every status body against the contract. */
async function followOperation(url: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 60; i++) {
    const status = await arm("GET", new URL(url).pathname + new URL(url).search);
    expect(status.status).toBe(200);
    expect(strict.check("types", "OperationStatusResult", status.body)).toEqual([]);
    const body = status.body as { status: string };
    if (body.status !== "InProgress") return status.body as Record<string, unknown>;
    expect(Number(status.headers["retry-after"])).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("operation did not finish");
}

function expectAcceptedLikeTheExample(response: { status: number; headers: Record<string, string> }, ex: Example): void {
  expect(response.status).toBe(202);
  const declared = Object.keys(ContractValidator.declaredHeaders("pg2025", SERVER_PATH, "put", "202"));
  expect(declared).toEqual(expect.arrayContaining(["Azure-AsyncOperation", "Location", "Retry-After"]));
  for (const header of [...declared, ...Object.keys(ex.responses["202"]!.headers ?? {})]) expect(response.headers[header.toLowerCase()], header).toBeTruthy();
  for (const header of ["azure-asyncoperation", "location"]) {
    const url = new URL(response.headers[header]!);
    expect(url.origin).toBe(sandbox.endpoints.arm.url);
  }
  expect(response.headers["retry-after"]).toMatch(/^\d+$/);
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("the validator itself", () => {
  it("accepts the official examples and rejects what the contract does not declare", () => {
    const get = example("ServersGet").responses["200"]!.body;
    expect(examples.check("pg2025", "Server", get)).toEqual([]);
    expect(examples.check("pg2025", "ServerList", example("ServersListByResourceGroup").responses["200"]!.body)).toEqual([]);
    for (const name of ["ServersCreatePointInTimeRestore", "ServersCreateReviveDropped", "ServersCreateInMicrosoftOwnedVirtualNetworkWithZoneRedundantHighAvailability"]) {
      expect(examples.check("pg2025", "Server", example(name).parameters.parameters), name).toEqual([]);
    }
    const diagnostics = readContract(`${DIAGNOSTIC_EXAMPLES}/Insights/preview/2021-05-01-preview/examples/listDiagnosticSettings.json`) as unknown as Example;
    expect(examples.check("diagnostics", "DiagnosticSettingsResourceCollection", diagnostics.responses["200"]!.body)).toEqual([]);
    expect(strict.check("pg2025", "Server", { ...(get as object), properties: { state: "Sleeping", invented: true } })).toHaveLength(2);
  });
});

describe("flexible servers against the contract", () => {
  it("GET and list answer Server / ServerList at 2025-08-01 and Server / ServerListResult at 2024-08-01", async () => {
    for (const [version, doc, listDefinition] of [["2025-08-01", "pg2025", "ServerList"], ["2024-08-01", "pg2024", "ServerListResult"]] as const) {
      const got = await arm("GET", serverPath(test.resourceGroup, test.postgres.server, version));
      expect(got.status).toBe(200);
      expect(got.headers["x-ms-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(strict.check(doc, "Server", got.body)).toEqual([]);
      const list = await arm("GET", `/subscriptions/${test.subscriptionId}/resourceGroups/${test.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers?api-version=${version}`);
      expect(list.status).toBe(200);
      expect(strict.check(doc, listDefinition, list.body)).toEqual([]);
    }
  });

  it("answers errors in the ARM ErrorResponse shape", async () => {
    const missing = await arm("GET", serverPath(test.resourceGroup, "no-such-server"));
    const inUse = await arm("PUT", serverPath(test.resourceGroup, test.postgres.server), {
      location: "uksouth",
      properties: { createMode: "PointInTimeRestore", sourceServerResourceId: serverResourceId({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, name: test.postgres.server }), pointInTimeUTC: new Date(Date.now() - 3_600_000).toISOString() },
    });
    const badVersion = await arm("GET", serverPath(test.resourceGroup, test.postgres.server, "2099-01-01"));
    const badGroup = await arm("GET", serverPath(test.resourceGroup, test.postgres.server).replace(test.resourceGroup, "no-such-rg"));
    const unauthenticated = await armRequest({ arm: sandbox.endpoints.arm, method: "GET", path: serverPath(test.resourceGroup, test.postgres.server), token: null });
    for (const [response, status, code] of [
      [missing, 404, "ResourceNotFound"],
      [inUse, 409, "ServerNameAlreadyExists"],
      [badVersion, 400, "NoRegisteredProviderFound"],
      [badGroup, 404, "ResourceGroupNotFound"],
      [unauthenticated, 401, "AuthenticationFailed"],
    ] as const) {
      expect(response.status).toBe(status);
      expect(strict.check("types", "ErrorResponse", response.body)).toEqual([]);
      expect((response.body as { error: { code: string } }).error.code).toBe(code);
    }
    expect(unauthenticated.headers["www-authenticate"]).toMatch(/^Bearer /);
  });

  it("accepts the official create, point-in-time restore and revive examples as Azure does, through to Ready", async () => {
    const adapt = (ex: Example, overrides: Record<string, unknown>) => {
      const body = structuredClone(ex.parameters.parameters!) as { properties: Record<string, unknown> };
      Object.assign(body.properties, overrides);
      return body;
    };
    const testServerId = serverResourceId({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, name: test.postgres.server });

    const created = await arm("PUT", serverPath(test.resourceGroup, "aytq-example-new"), adapt(example("ServersCreateInMicrosoftOwnedVirtualNetworkWithZoneRedundantHighAvailability"), {}));
    expectAcceptedLikeTheExample(created, example("ServersCreateInMicrosoftOwnedVirtualNetworkWithZoneRedundantHighAvailability"));

    const ptr = await arm("PUT", serverPath(test.resourceGroup, "aytq-example-ptr"), adapt(example("ServersCreatePointInTimeRestore"), { sourceServerResourceId: testServerId, pointInTimeUTC: new Date(Date.now() - 3_600_000).toISOString() }));
    expectAcceptedLikeTheExample(ptr, example("ServersCreatePointInTimeRestore"));
    // While it is being made, the server is there and Provisioning (a 2025-08-01 state; 2024-08-01's enum is extensible).
    const provisioning = await arm("GET", serverPath(test.resourceGroup, "aytq-example-ptr"));
    expect((provisioning.body as { properties: { state: string } }).properties.state).toBe("Provisioning");
    expect(strict.check("pg2025", "Server", provisioning.body)).toEqual([]);
    expect(examples.check("pg2024", "Server", (await arm("GET", serverPath(test.resourceGroup, "aytq-example-ptr", "2024-08-01"))).body)).toEqual([]);

    const deletedAt = new Date(Date.now() - 30 * 60_000);
    expect((await controlRequest(sandbox.endpoints.control.url, "POST", "/disasters/delete-server", { environment: "preprod", deletedAt: deletedAt.toISOString() })).status).toBe(202);
    const preprodId = serverResourceId({ subscriptionId: preprod.subscriptionId, resourceGroup: preprod.resourceGroup, name: preprod.postgres.server });
    for (let i = 0; i < 40 && (await arm("GET", serverPath(preprod.resourceGroup, preprod.postgres.server))).status !== 404; i++) await new Promise((r) => setTimeout(r, 250));
    const revive = await arm("PUT", serverPath(preprod.resourceGroup, preprod.postgres.server, "2024-08-01"), adapt(example("ServersCreateReviveDropped"), { sourceServerResourceId: preprodId, pointInTimeUTC: new Date(deletedAt.getTime() + 15 * 60_000).toISOString() }));
    expectAcceptedLikeTheExample(revive, example("ServersCreateReviveDropped"));

    for (const [response, group, name] of [[created, test.resourceGroup, "aytq-example-new"], [ptr, test.resourceGroup, "aytq-example-ptr"], [revive, preprod.resourceGroup, preprod.postgres.server]] as const) {
      const final = await followOperation(response.headers["azure-asyncoperation"]!);
      expect(final.status).toBe("Succeeded");
      const ready = await arm("GET", serverPath(group, name));
      expect((ready.body as { properties: { state: string } }).properties.state).toBe("Ready");
      expect(strict.check("pg2025", "Server", ready.body)).toEqual([]);
      // The create example asks for version 17, outside 2024-08-01's (extensible) version enum.
      expect(examples.check("pg2024", "Server", (await arm("GET", serverPath(group, name, "2024-08-01"))).body)).toEqual([]);
      // The Location URL answers what the operation would have answered synchronously.
      const location = await arm("GET", new URL(response.headers.location!).pathname + new URL(response.headers.location!).search);
      expect(location.status).toBe(200);
      expect(strict.check("pg2025", "Server", location.body)).toEqual([]);
    }
  });

  it("deletes as the delete example says: 202 with Azure-AsyncOperation and Location, then the server is gone", async () => {
    const deleted = await arm("DELETE", serverPath(test.resourceGroup, "aytq-example-new"));
    expect(Object.keys(example("ServersDelete").responses)).toEqual(expect.arrayContaining([String(deleted.status)]));
    expect(deleted.status).toBe(202);
    expect(deleted.headers["azure-asyncoperation"]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\//);
    expect(deleted.headers.location).toMatch(/\/operationResults\//);
    const dropping = await arm("GET", serverPath(test.resourceGroup, "aytq-example-new"));
    expect((dropping.body as { properties: { state: string } }).properties.state).toBe("Dropping");
    expect((await followOperation(deleted.headers["azure-asyncoperation"]!)).status).toBe("Succeeded");
    expect((await arm("GET", serverPath(test.resourceGroup, "aytq-example-new"))).status).toBe(404);
    const again = await arm("DELETE", serverPath(test.resourceGroup, "aytq-example-new"));
    expect(again.status).toBe(204);
  });
});

describe("diagnostic settings against the contract", () => {
  it("lists, gets and deletes with the contract's bodies and statuses; errors are flat", async () => {
    const serverId = serverResourceId({ subscriptionId: production.subscriptionId, resourceGroup: production.resourceGroup, name: production.postgres.server });
    const base = `${serverId}/providers/Microsoft.Insights/diagnosticSettings`;
    const list = await arm("GET", `${base}?api-version=2021-05-01-preview`);
    expect(list.status).toBe(200);
    expect(strict.check("diagnostics", "DiagnosticSettingsResourceCollection", list.body)).toEqual([]);
    const one = await arm("GET", `${base}/${production.leftoverDiagnosticSetting}?api-version=2021-05-01-preview`);
    expect(strict.check("diagnostics", "DiagnosticSettingsResource", one.body)).toEqual([]);
    const missing = await arm("GET", `${base}/nothing-here?api-version=2021-05-01-preview`);
    expect(missing.status).toBe(404);
    expect(strict.check("diagnostics", "ErrorResponse", missing.body)).toEqual([]);
    const deleted = await arm("DELETE", `${base}/${production.leftoverDiagnosticSetting}?api-version=2021-05-01-preview`);
    const deletedAgain = await arm("DELETE", `${base}/${production.leftoverDiagnosticSetting}?api-version=2021-05-01-preview`);
    expect([deleted.status, deletedAgain.status]).toEqual([200, 204]);
  });
});
