-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('open', 'raised', 'done', 'dropped');

-- CreateEnum
CREATE TYPE "DrillStatus" AS ENUM ('scheduled', 'started', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "DrillResult" AS ENUM ('success', 'fail');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('upcoming', 'overdue');

-- CreateEnum
CREATE TYPE "ReminderDelivery" AS ENUM ('not_configured', 'pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "TidyUpStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT,
    "owner" TEXT,
    "cardUrl" TEXT,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'open',
    "position" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FollowUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostReviewCheck" (
    "incidentId" UUID NOT NULL,
    "item" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "doneAt" TIMESTAMPTZ(3),
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PostReviewCheck_pkey" PRIMARY KEY ("incidentId","item")
);

-- CreateTable
CREATE TABLE "DrillCadence" (
    "id" UUID NOT NULL,
    "serviceKey" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "intervalMonths" INTEGER NOT NULL,
    "startsLocal" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DrillCadence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledDrill" (
    "id" UUID NOT NULL,
    "serviceKey" TEXT NOT NULL,
    "scenarios" TEXT[],
    "environment" TEXT NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "scheduledLocal" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "participants" TEXT[],
    "notes" TEXT,
    "status" "DrillStatus" NOT NULL DEFAULT 'scheduled',
    "cancelReason" TEXT,
    "cadenceId" UUID,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScheduledDrill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrillRun" (
    "id" UUID NOT NULL,
    "drillId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "scenario" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "startedByName" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrillRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrillOutcome" (
    "id" UUID NOT NULL,
    "drillId" UUID NOT NULL,
    "incidentId" UUID,
    "serviceKey" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "result" "DrillResult" NOT NULL,
    "timeTakenMinutes" INTEGER NOT NULL,
    "issues" TEXT NOT NULL,
    "report" JSONB,
    "reportSha256" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrillOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceListRecord" (
    "id" UUID NOT NULL,
    "serviceKey" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "testedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "DrillResult" NOT NULL,
    "drillId" UUID,
    "outcomeId" UUID,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceListRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" UUID NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "drillId" UUID,
    "cadenceId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dismissedAt" TIMESTAMPTZ(3),
    "dismissedById" TEXT,
    "dismissedByName" TEXT,
    "delivery" "ReminderDelivery" NOT NULL,
    "deliveryAttempts" INTEGER NOT NULL DEFAULT 0,
    "deliveredAt" TIMESTAMPTZ(3),
    "deliveryError" TEXT,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TidyUpAction" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "TidyUpStatus" NOT NULL DEFAULT 'pending',
    "externalId" TEXT,
    "pollerState" JSONB,
    "result" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TidyUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpAction_incidentId_position_idx" ON "FollowUpAction"("incidentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "DrillCadence_serviceKey_scenario_environment_key" ON "DrillCadence"("serviceKey", "scenario", "environment");

-- CreateIndex
CREATE INDEX "ScheduledDrill_scheduledAt_idx" ON "ScheduledDrill"("scheduledAt");

-- CreateIndex
CREATE INDEX "ScheduledDrill_status_idx" ON "ScheduledDrill"("status");

-- CreateIndex
CREATE UNIQUE INDEX "DrillRun_incidentId_key" ON "DrillRun"("incidentId");

-- CreateIndex
CREATE INDEX "DrillRun_drillId_idx" ON "DrillRun"("drillId");

-- CreateIndex
CREATE UNIQUE INDEX "DrillOutcome_incidentId_key" ON "DrillOutcome"("incidentId");

-- CreateIndex
CREATE INDEX "DrillOutcome_serviceKey_scenario_environment_recordedAt_idx" ON "DrillOutcome"("serviceKey", "scenario", "environment", "recordedAt");

-- CreateIndex
CREATE INDEX "ServiceListRecord_service_testedAt_idx" ON "ServiceListRecord"("service", "testedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_dedupeKey_key" ON "Reminder"("dedupeKey");

-- CreateIndex
CREATE INDEX "Reminder_dismissedAt_createdAt_idx" ON "Reminder"("dismissedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TidyUpAction_idempotencyKey_key" ON "TidyUpAction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "TidyUpAction_incidentId_idx" ON "TidyUpAction"("incidentId");

-- AddForeignKey
ALTER TABLE "DrillRun" ADD CONSTRAINT "DrillRun_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "ScheduledDrill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrillOutcome" ADD CONSTRAINT "DrillOutcome_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "ScheduledDrill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
