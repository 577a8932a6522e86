-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Pool" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "uuid" TEXT,
    "nameLabel" TEXT NOT NULL DEFAULT '',
    "masterHostUuid" TEXT,
    "lastConnectedAt" DATETIME,
    "lastRunAt" DATETIME,
    "lastOutcome" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Host" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "uuid" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "nameLabel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isMaster" BOOLEAN NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "sshHostKeySha256" TEXT,
    "sshHostKeySeenAt" DATETIME,
    "smlogOffsetBytes" BIGINT,
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "Host_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sr" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "uuid" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "nameLabel" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL,
    "physicalSizeBytes" BIGINT NOT NULL,
    "physicalUtilisationBytes" BIGINT NOT NULL,
    "gcEnabled" BOOLEAN NOT NULL,
    "coalesceEnabled" BOOLEAN NOT NULL,
    "leafCoalesceEnabled" BOOLEAN NOT NULL,
    "gcNoSpace" BOOLEAN NOT NULL,
    "lastCoalesceError" TEXT,
    "speedLogLines" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "Sr_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vdi" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "srId" INTEGER NOT NULL,
    "uuid" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "nameLabel" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "managed" BOOLEAN NOT NULL,
    "missing" BOOLEAN NOT NULL,
    "isSnapshot" BOOLEAN NOT NULL,
    "snapshotOfUuid" TEXT,
    "snapshotTime" DATETIME,
    "virtualSizeBytes" BIGINT NOT NULL,
    "physicalUtilisationBytes" BIGINT NOT NULL,
    "vhdParentUuid" TEXT,
    "leafCoalesce" TEXT,
    "vmUuids" TEXT NOT NULL,
    "chainLength" INTEGER NOT NULL,
    "rowHash" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "Vdi_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Vdi_srId_fkey" FOREIGN KEY ("srId") REFERENCES "Sr" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "uuid" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "nameLabel" TEXT NOT NULL,
    "powerState" TEXT NOT NULL,
    "isControlDomain" BOOLEAN NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "Vm_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChainChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "srId" INTEGER NOT NULL,
    "leafUuid" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "length" INTEGER NOT NULL,
    "hiddenCount" INTEGER NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "rootUuid" TEXT NOT NULL,
    "xoUnhealthy" BOOLEAN NOT NULL,
    CONSTRAINT "ChainChange_srId_fkey" FOREIGN KEY ("srId") REFERENCES "Sr" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SrSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "srId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "bucketSeconds" INTEGER NOT NULL DEFAULT 0,
    "nodes" INTEGER NOT NULL,
    "hiddenNodes" INTEGER NOT NULL,
    "chains" INTEGER NOT NULL,
    "backlogNodes" INTEGER NOT NULL,
    "backlogBytes" BIGINT NOT NULL,
    "maxChainLength" INTEGER NOT NULL,
    "xoUnhealthyCount" INTEGER NOT NULL,
    "xoVdisToCoalesce" INTEGER NOT NULL,
    "gcRunning" BOOLEAN NOT NULL,
    "gcProgress" REAL,
    CONSTRAINT "SrSample_srId_fkey" FOREIGN KEY ("srId") REFERENCES "Sr" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GcEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "srUuid" TEXT,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "vdiPrefixes" TEXT NOT NULL,
    "sizeBytes" BIGINT,
    "dedupKey" TEXT NOT NULL,
    CONSTRAINT "GcEvent_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GcEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpeedReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "srId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "bytesPerSec" REAL NOT NULL,
    CONSTRAINT "SpeedReading_srId_fkey" FOREIGN KEY ("srId") REFERENCES "Sr" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VmSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "vmUuid" TEXT NOT NULL,
    "snapshotUuid" TEXT NOT NULL,
    "nameLabel" TEXT NOT NULL,
    "snapshotTime" DATETIME,
    "xoBackupJob" TEXT,
    "xoBackupSchedule" TEXT,
    "xoBackup" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "VmSnapshot_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollectionRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collections" INTEGER NOT NULL DEFAULT 1,
    "poolId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "sshStatus" TEXT NOT NULL,
    "srsRebuilt" INTEGER NOT NULL,
    "vdis" INTEGER NOT NULL,
    "chainChanges" INTEGER NOT NULL,
    "xapiMs" INTEGER NOT NULL,
    "sshMs" INTEGER NOT NULL,
    "writeMs" INTEGER NOT NULL,
    "totalMs" INTEGER NOT NULL,
    CONSTRAINT "CollectionRun_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Pool_name_key" ON "Pool"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Host_poolId_uuid_key" ON "Host"("poolId", "uuid");

-- CreateIndex
CREATE UNIQUE INDEX "Sr_poolId_uuid_key" ON "Sr"("poolId", "uuid");

-- CreateIndex
CREATE INDEX "Vdi_srId_idx" ON "Vdi"("srId");

-- CreateIndex
CREATE UNIQUE INDEX "Vdi_poolId_uuid_key" ON "Vdi"("poolId", "uuid");

-- CreateIndex
CREATE UNIQUE INDEX "Vm_poolId_uuid_key" ON "Vm"("poolId", "uuid");

-- CreateIndex
CREATE INDEX "ChainChange_srId_at_idx" ON "ChainChange"("srId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChainChange_srId_leafUuid_seq_key" ON "ChainChange"("srId", "leafUuid", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "SrSample_srId_at_key" ON "SrSample"("srId", "at");

-- CreateIndex
CREATE INDEX "GcEvent_poolId_at_idx" ON "GcEvent"("poolId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "GcEvent_hostId_dedupKey_key" ON "GcEvent"("hostId", "dedupKey");

-- CreateIndex
CREATE UNIQUE INDEX "SpeedReading_srId_seq_key" ON "SpeedReading"("srId", "seq");

-- CreateIndex
CREATE INDEX "VmSnapshot_vmUuid_idx" ON "VmSnapshot"("vmUuid");

-- CreateIndex
CREATE UNIQUE INDEX "VmSnapshot_poolId_snapshotUuid_key" ON "VmSnapshot"("poolId", "snapshotUuid");

-- CreateIndex
CREATE INDEX "CollectionRun_poolId_startedAt_idx" ON "CollectionRun"("poolId", "startedAt");

