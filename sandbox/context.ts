import type { Faults, OperationCounters } from "./faults";

/**
 * What every stand-in of one running sandbox shares. Built by sandbox/index.ts (startSandbox); the
 * Azure part (ARM stand-in, emulated servers, Azurite) provides most of it, the GitHub, Kubernetes and
 * services parts consume it.
 */
export interface SandboxContext {
  /** URL of the `postgres` database on the PostgreSQL server that holds every emulated server's data. */
  adminDatabaseUrl: string;
  /** Folder for the sandbox's files (.sandbox by default): CA, kubeconfig, endpoints.json, state. */
  stateDir: string;
  /** The ARM stand-in (Azure Resource Manager over HTTPS). */
  arm: {
    /** e.g. https://127.0.0.1:8443 */
    url: string;
    /** PEM file of the sandbox CA that signed the stand-in's certificate. */
    caFile: string;
    /** A bearer token the stand-in accepts (what the sandbox credential returns). */
    token: string;
  };
  /** Azurite (blob service), with one account per catalogue backup storage account. */
  storage: {
    /** Connection string of an account (e.g. s189t01aytqdbbkptssa). */
    connectionString(account: string): string;
    /** Blob endpoint URL of an account. */
    blobUrl(account: string): string;
  };
  /**
   * Connection URL of the application database (`aytq_<environment>`) on an emulated flexible server, as an app
   * inside the cluster would reach it; undefined while the server does not exist or is not Ready (deleted,
   * being restored). `serverName` is the Azure server name, e.g. s189t01-aytq-ts-pg or s189t01-aytq-ts-pg-ptr.
   */
  serverDatabaseUrl(serverName: string): Promise<string | undefined>;
  faults: Faults;
  counters: OperationCounters;
}
