import { describe, expect, it } from "vitest";
import { catalogue, getEnvironment, serverResourceId } from "./catalogue";

describe("service catalogue", () => {
  it("holds every name of the facts page for AYTQ/CTR", () => {
    const production = getEnvironment("aytq", "production");
    expect(production.postgres.server).toBe("s189p01-aytq-pd-pg");
    expect(production.resourceGroup).toBe("s189p01-aytq-pd-rg");
    expect(production.subscription).toBe("s189-teacher-services-cloud-production");
    expect(production.backupStorage).toEqual({ account: "s189p01aytqdbbkppdsa", container: "database-backup" });
    expect(production.kubernetes.namespace).toBe("tra-production");
    expect(production.kubernetes.web).toEqual({ name: "access-your-teaching-qualifications-production", normalReplicas: 2 });
    expect(production.kubernetes.worker).toEqual({ name: "access-your-teaching-qualifications-production-worker", normalReplicas: 1 });
    expect(production.health.ctr).toBe("https://check-a-teachers-record.education.gov.uk/health/all");
    expect(production.leftoverDiagnosticSetting).toBe("s189p01-aytq-pd-pg-diagnotics");
    expect(production.postgres.database).toBe("aytq_production");

    const preprod = getEnvironment("aytq", "preprod");
    expect(preprod.postgres.server).toBe("s189t01-aytq-pp-pg");
    expect(preprod.backupStorage).toBeNull();
    expect(preprod.kubernetes.namespace).toBe("tra-test");
    expect(preprod.health.aytq).toBe("https://preprod.access-your-teaching-qualifications.education.gov.uk/health/all");

    const test = getEnvironment("aytq", "test");
    expect(test.postgres.server).toBe("s189t01-aytq-ts-pg");
    expect(test.kubernetes.cluster).toBe("s189t01-tsc-test-aks");
    expect(test.backupStorage?.account).toBe("s189t01aytqdbbkptssa");
    expect(serverResourceId(test)).toMatch(/resourceGroups\/s189t01-aytq-ts-rg\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/s189t01-aytq-ts-pg$/);
  });

  it("names the workflows and their real inputs", () => {
    const [aytq] = catalogue;
    expect(aytq!.workflows.recoverDeleted.file).toBe("postgres-recover-deleted-db.yml");
    expect(Object.values(aytq!.workflows.restorePointInTime.inputs)).toEqual(["environment", "confirm-production", "restore-time", "new-db-server"]);
    expect(aytq!.workflows.backup.inputs.server).toBe("db-server");
  });

  it("refuses an unknown environment with a clear message", () => {
    expect(() => getEnvironment("aytq", "staging")).toThrow('Service "aytq" has no environment "staging".');
  });
});
