
-- CreateTable
CREATE TABLE "ScheduleOverride" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "targetUuid" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScheduleOverride_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleOverride_poolId_scope_targetUuid_key" ON "ScheduleOverride"("poolId", "scope", "targetUuid");

