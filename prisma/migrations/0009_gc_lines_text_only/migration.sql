-- A GC line keeps its text and its SR only. Its kind and size were what the SMlog parser's
-- classifier reads from the text alone, so readers classify the text again instead (about
-- 16 bytes a line). The hash now covers the text and the SR; lines stored before have no
-- hash (a line logged again with the same text is then stored once more, as after 0004).
-- No event and no text is lost.

-- AlterTable
ALTER TABLE "GcLine" DROP COLUMN "kind";
ALTER TABLE "GcLine" DROP COLUMN "sizeBytes";
UPDATE "GcLine" SET "hash" = NULL;
