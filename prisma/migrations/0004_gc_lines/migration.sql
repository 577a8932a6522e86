-- A GC event points at its line (GcLine): the text, kind, SR and size of an SMGC line stored
-- once however often SM logs it. `vdiPrefixes` goes (read again from the text) and so does
-- `dedupKey` with its index (a line read again is matched by time, pid and line).
-- Existing events keep every field: their distinct lines are copied to GcLine (hash NULL:
-- the collector computes hashes in JavaScript; a line seen again is stored once more).

-- CreateTable
CREATE TABLE "GcLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" INTEGER,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "srUuid" TEXT,
    "sizeBytes" BIGINT
);

-- Copy the distinct lines of the stored events
INSERT INTO "GcLine" ("kind", "message", "srUuid", "sizeBytes")
SELECT "kind", "message", "srUuid", "sizeBytes" FROM "GcEvent"
GROUP BY "kind", "message", "srUuid", "sizeBytes" ORDER BY MIN("id");
CREATE INDEX "GcLine_migration_tmp" ON "GcLine"("message", "kind");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GcEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "poolId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "lineId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "pid" INTEGER NOT NULL,
    CONSTRAINT "GcEvent_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GcEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GcEvent_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "GcLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_GcEvent" ("id", "poolId", "hostId", "lineId", "at", "pid")
SELECT e."id", e."poolId", e."hostId", l."id", e."at", e."pid"
FROM "GcEvent" e
JOIN "GcLine" l ON l."message" = e."message" AND l."kind" = e."kind" AND l."srUuid" IS e."srUuid" AND l."sizeBytes" IS e."sizeBytes";
DROP TABLE "GcEvent";
ALTER TABLE "new_GcEvent" RENAME TO "GcEvent";
CREATE INDEX "GcEvent_poolId_at_idx" ON "GcEvent"("poolId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

DROP INDEX "GcLine_migration_tmp";

-- CreateIndex
CREATE INDEX "GcLine_hash_idx" ON "GcLine"("hash");
