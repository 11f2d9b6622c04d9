import { readFileSync } from "node:fs";
import https from "node:https";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";

/**
 * The sandbox's Azure credential: hands out the one bearer token the ARM stand-in accepts, whatever scope
 * is asked for (the SDKs ask for `<endpoint>/.default`). Use it with the real SDK clients:
 *
 *   const credential = new SandboxCredential({ token: endpoints.arm.token });
 *   new PostgreSQLManagementFlexibleServerClient(credential, subscriptionId, sandboxArmClientOptions(endpoints.arm));
 *   new MonitorClient(credential, subscriptionId, sandboxArmClientOptions(endpoints.arm));
 */
export class SandboxCredential implements TokenCredential {
  constructor(private readonly options: { token: string }) {}

  async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    return { token: this.options.token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: "Bearer" };
  }
}

/** An https agent that trusts the sandbox CA (and only it): for in-process clients. */
export function sandboxHttpsAgent(caFile: string): https.Agent {
  return new https.Agent({ ca: readFileSync(caFile), keepAlive: true });
}

/**
 * Client options for `@azure/arm-postgresql-flexible` and `@azure/arm-monitor` pointed at the stand-in:
 * `endpoint` is the stand-in's URL, `agent` trusts the sandbox CA, and the credential scope is ARM's own
 * (so a real credential's scope would be right too). Child processes can trust the CA with
 * NODE_EXTRA_CA_CERTS=<caFile> instead of the agent.
 */
export function sandboxArmClientOptions(arm: { url: string; caFile: string }): { endpoint: string; agent: https.Agent; credentialScopes: string[]; credentials: { scopes: string[] } } {
  const scopes = ["https://management.azure.com/.default"];
  return { endpoint: arm.url, agent: sandboxHttpsAgent(arm.caFile), credentialScopes: scopes, credentials: { scopes } };
}
