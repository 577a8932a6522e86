-- Narrower rows. Chain changes lose their (srId, at) index: reads by time go through the
-- unique (srId, leafId, seq) index, whose srId prefix narrows them to one SR's changes. A
-- VDI's rowHash keeps its first 12 characters (72 bits of SHA-1, as the collector now writes
-- it). A snapshot's xoBackup JSON no longer repeats the job and schedule stored in their own
-- columns (readers merge them back); a key is removed only where its value is that column's.

-- DropIndex
DROP INDEX "ChainChange_srId_at_idx";

UPDATE "Vdi" SET "rowHash" = substr("rowHash", 1, 12) WHERE length("rowHash") > 12;

UPDATE "VmSnapshot" SET "xoBackup" = json_remove("xoBackup", '$."xo:backup:job"')
WHERE json_valid("xoBackup") AND json_extract("xoBackup", '$."xo:backup:job"') IS "xoBackupJob";

UPDATE "VmSnapshot" SET "xoBackup" = json_remove("xoBackup", '$."xo:backup:schedule"')
WHERE json_valid("xoBackup") AND json_extract("xoBackup", '$."xo:backup:schedule"') IS "xoBackupSchedule";
