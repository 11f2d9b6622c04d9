import { catalogue } from "../../catalogue/catalogue";

/**
 * Catalogue health URL -> where the sandbox serves it (`healthUrls[environment][service]` of endpoints.json), so that
 * steps keep the real URLs in their requests and reports while the sandbox answers them.
 */
export function healthUrlMap(healthUrls: Record<string, Record<string, string>>): (url: string) => string {
  const map = new Map<string, string>();
  for (const service of catalogue) {
    for (const environment of service.environments) {
      for (const [key, url] of Object.entries(environment.health)) {
        const local = healthUrls[environment.key]?.[key];
        if (local) map.set(url.replace(/\/$/, ""), local.replace(/\/$/, ""));
      }
    }
  }
  return (url) => map.get(url.replace(/\/$/, "")) ?? url;
}
