-- A VDI row no longer keeps the VDI's XAPI ref: nothing reads it (VDIs are found by uuid),
-- and at 46 characters it was a fifth of the row. The collector still hashes the ref with
-- the other values, so rows written before compare equal and are not written again.

-- AlterTable
ALTER TABLE "Vdi" DROP COLUMN "ref";
