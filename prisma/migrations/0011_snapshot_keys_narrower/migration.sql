-- Narrower snapshot rows. A snapshot's xoBackup JSON no longer repeats its VM's uuid (XO's
-- `xo:backup:vm` key, 54 characters) where that is the row's vmUuid: a flag says the key was
-- there. Its keys lose the `xo:backup:` prefix every one of them has. Readers put both back
-- (lib/db/vm-snapshots.ts), so every key and value reads as before.

-- AlterTable
ALTER TABLE "VmSnapshot" ADD COLUMN "xoBackupVmIsOwn" BOOLEAN NOT NULL DEFAULT false;

UPDATE "VmSnapshot" SET "xoBackupVmIsOwn" = true, "xoBackup" = json_remove("xoBackup", '$."xo:backup:vm"')
WHERE json_valid("xoBackup") AND json_extract("xoBackup", '$."xo:backup:vm"') IS "vmUuid";

UPDATE "VmSnapshot" SET "xoBackup" = (
  SELECT json_group_object(CASE WHEN substr("key", 1, 10) = 'xo:backup:' THEN substr("key", 11) ELSE "key" END, "value")
  FROM json_each("VmSnapshot"."xoBackup")
)
WHERE json_valid("xoBackup") AND json_type("xoBackup") = 'object';
