import { describe, expect, it } from "vitest";
import { azureIntegrationError, isAzureNotFound } from "../../lib/integrations/azure/azure-integration-error";

/**
 * Found by the proofs (issue 9): in the production build, Next bundles @azure/core-rest-pipeline into the server code
 * while the Azure SDKs (server-external packages) throw the RestError of their own copy, so `instanceof RestError`
 * was false there. A 404 from Azurite ("no backup has this name yet") then read as an unreachable system, and the
 * backup steps waited for ever. An Azure SDK error must be recognised by what it is, whichever copy made it.
 */
function restErrorFromAnotherCopy(statusCode: number, message = ""): Error {
  // What a RestError of another copy of the package looks like to this one: an Error named RestError.
  return Object.assign(new Error(message), { name: "RestError", statusCode, code: statusCode === 404 ? "BlobNotFound" : undefined });
}

describe("Azure SDK errors from another copy of @azure/core-rest-pipeline", () => {
  it("a 404 is 'not found'", () => {
    expect(isAzureNotFound(restErrorFromAnotherCopy(404))).toBe(true);
    expect(isAzureNotFound(restErrorFromAnotherCopy(500))).toBe(false);
    expect(isAzureNotFound(new Error("plain"))).toBe(false);
  });

  it("an error status keeps its status and retryability", () => {
    const error = azureIntegrationError({ system: "backup-storage", doing: "read the backup", error: restErrorFromAnotherCopy(503, "Service Unavailable") });
    expect(error.options.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("HTTP 503");
  });
});
