-- Chain history names its leaf and root by a ChainVhd row (a uuid stored once) instead of
-- two uuids of text in every row and in the unique index. Existing changes keep every field:
-- their uuids are copied to ChainVhd and each row points at them; the empty root of a
-- `removed` row becomes NULL.

-- CreateTable
CREATE TABLE "ChainVhd" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "uuid" TEXT NOT NULL
);

-- CreateIndex (before the copy: the rows below look their uuids up in it)
CREATE UNIQUE INDEX "ChainVhd_uuid_key" ON "ChainVhd"("uuid");

-- Copy the uuids the stored changes name
INSERT INTO "ChainVhd" ("uuid")
SELECT "uuid" FROM (
    SELECT "leafUuid" AS "uuid", "id" FROM "ChainChange"
    UNION ALL
    SELECT "rootUuid", "id" FROM "ChainChange" WHERE "rootUuid" <> ''
) GROUP BY "uuid" ORDER BY MIN("id");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChainChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "srId" INTEGER NOT NULL,
    "leafId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "length" INTEGER NOT NULL,
    "hiddenCount" INTEGER NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "rootId" INTEGER,
    "xoUnhealthy" BOOLEAN NOT NULL,
    CONSTRAINT "ChainChange_srId_fkey" FOREIGN KEY ("srId") REFERENCES "Sr" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChainChange_leafId_fkey" FOREIGN KEY ("leafId") REFERENCES "ChainVhd" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ChainChange_rootId_fkey" FOREIGN KEY ("rootId") REFERENCES "ChainVhd" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChainChange" ("id", "srId", "leafId", "seq", "at", "length", "hiddenCount", "sizeBytes", "state", "rootId", "xoUnhealthy")
SELECT c."id", c."srId", l."id", c."seq", c."at", c."length", c."hiddenCount", c."sizeBytes", c."state", r."id", c."xoUnhealthy"
FROM "ChainChange" c
JOIN "ChainVhd" l ON l."uuid" = c."leafUuid"
LEFT JOIN "ChainVhd" r ON r."uuid" = c."rootUuid";
DROP TABLE "ChainChange";
ALTER TABLE "new_ChainChange" RENAME TO "ChainChange";
CREATE INDEX "ChainChange_srId_at_idx" ON "ChainChange"("srId", "at");
CREATE UNIQUE INDEX "ChainChange_srId_leafId_seq_key" ON "ChainChange"("srId", "leafId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
