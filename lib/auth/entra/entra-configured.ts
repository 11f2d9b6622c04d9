import { env } from "../../config/env";

/** Whether Microsoft Entra ID sign-in is set up (tenant, client id and secret all given). */
export function entraConfigured(): boolean {
  const config = env();
  return Boolean(config.AUTH_ENTRA_TENANT_ID && config.AUTH_ENTRA_CLIENT_ID && config.AUTH_ENTRA_CLIENT_SECRET);
}
