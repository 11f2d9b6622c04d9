-- The operation's step key beside its step run's id: the engine names the step in each audit row it writes while
-- following an operation, without reading the step run for it. Existing operations take it from their step run.
ALTER TABLE "Operation" ADD COLUMN "stepId" TEXT;
UPDATE "Operation" o SET "stepId" = s."stepId" FROM "StepRun" s WHERE s."id" = o."stepRunId";
ALTER TABLE "Operation" ALTER COLUMN "stepId" SET NOT NULL;
