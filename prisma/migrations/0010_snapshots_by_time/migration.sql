-- Snapshots are read by pool and time (a pool's backup history since a day), never by VM
-- uuid alone: the index on vmUuid (a 36-character key a row) gives way to one on
-- (poolId, snapshotTime). No data changes.

-- DropIndex
DROP INDEX "VmSnapshot_vmUuid_idx";

-- CreateIndex
CREATE INDEX "VmSnapshot_poolId_snapshotTime_idx" ON "VmSnapshot"("poolId", "snapshotTime");
