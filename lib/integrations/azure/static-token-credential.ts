import type { AccessToken, TokenCredential } from "@azure/core-auth";

/**
 * A credential that hands out one fixed bearer token: the sandbox's ARM stand-in accepts only its own token
 * (endpoints.json `arm.token`). The cloud uses DefaultAzureCredential instead.
 */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: "Bearer" };
  }
}
