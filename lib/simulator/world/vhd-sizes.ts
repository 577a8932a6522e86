/**
 * VHD and LVM size arithmetic as SM does it (vhdutil.py, lvhdutil.py), so the simulated scan,
 * SMGC tokens and XAPI sizes agree with each other the way they do on a real host.
 */

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** VHD data block (`VHD_BLOCK_SIZE`). */
export const VHD_BLOCK_BYTES = 2 * MiB;
/** LVM extent: every LV size is a multiple of it (`LVM_SIZE_INCREMENT`). */
export const LVM_EXTENT_BYTES = 4 * MiB;
/** LVHD VHDs are created with metadata for this virtual size so they can grow online (`MSIZE`). */
const LVHD_METADATA_VIRTUAL_BYTES = 2 * TiB;

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/** Header, footers, BAT and batmap of an empty VHD (`calcOverheadEmpty`). */
export function overheadEmptyBytes(virtualSizeBytes: number): number {
  const sizeMb = Math.floor(virtualSizeBytes / MiB);
  let overhead = 3 * KiB + Math.floor(sizeMb / 2) * 4;
  overhead = roundUp(overhead, 512);
  overhead += Math.floor(Math.floor(sizeMb / 2) / 8);
  return roundUp(overhead, 4096);
}

/** Worst-case per-block bitmaps (`calcOverheadBitmap`). */
export function overheadBitmapBytes(virtualSizeBytes: number): number {
  return Math.ceil(virtualSizeBytes / VHD_BLOCK_BYTES) * 4096;
}

/** Bytes held by allocated blocks: data is allocated a whole 2 MiB block at a time. */
export function allocatedBytes(dataBytes: number): number {
  return Math.ceil(dataBytes / VHD_BLOCK_BYTES) * VHD_BLOCK_BYTES;
}

/** Physical size of the VHD file or volume content (`getSizePhys`). */
export function vhdPhysicalBytes(dataBytes: number, virtualSizeBytes: number, onLvm: boolean): number {
  const blocks = Math.ceil(dataBytes / VHD_BLOCK_BYTES);
  const metadata = overheadEmptyBytes(onLvm ? LVHD_METADATA_VIRTUAL_BYTES : virtualSizeBytes);
  return blocks * (VHD_BLOCK_BYTES + 512) + metadata;
}

/** A deflated LV holding a VHD (`calcSizeLV`). */
export function lvBytes(physicalBytes: number): number {
  return roundUp(physicalBytes, LVM_EXTENT_BYTES);
}

/** A fully inflated LV, as SM keeps the active leaf of an attached VDI (`calcSizeVHDLV`). */
export function inflatedLvBytes(virtualSizeBytes: number): number {
  return roundUp(
    virtualSizeBytes + overheadEmptyBytes(LVHD_METADATA_VIRTUAL_BYTES) + overheadBitmapBytes(virtualSizeBytes),
    LVM_EXTENT_BYTES,
  );
}

/** Data bytes whose deflated LV is exactly `lvSizeBytes` (a multiple of 4 MiB): to rebuild captured trees. */
export function dataBytesForLv(lvSizeBytes: number): number {
  const metadata = overheadEmptyBytes(LVHD_METADATA_VIRTUAL_BYTES);
  const blocks = Math.max(0, Math.floor((lvSizeBytes - metadata) / (VHD_BLOCK_BYTES + 512)));
  return blocks * VHD_BLOCK_BYTES;
}
