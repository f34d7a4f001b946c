/**
 * Which files an applicant may hand in, told by their first bytes (magic numbers), not by the
 * name they arrive with: a renamed executable stays refused, and the stored media type is the
 * one the content proves. OFD (GB/T 33190, the national e-document format) is a ZIP package
 * whose entry point is `OFD.xml`.
 */
export const ACCEPTED_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'application/ofd': { label: 'OFD', extensions: ['ofd'] },
} as const;

export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** 20 MiB: a scanned multi-page application form fits; a video does not. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** How much one applicant may upload in 24 hours: plenty for many applications, not a disk filler. */
export interface UploadQuota {
  filesPerDay: number;
  bytesPerDay: number;
}
export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { filesPerDay: 500, bytesPerDay: 2 * 1024 * 1024 * 1024 };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The accepted type the content is, or undefined. */
export function detectType(bytes: Uint8Array): AcceptedType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ZIP) && isOfdPackage(bytes)) return 'application/ofd';
  return undefined;
}

// A ZIP names every entry in its central directory at the end; an OFD package has OFD.xml at its root.
function isOfdPackage(bytes: Uint8Array): boolean {
  const central = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = central.indexOf(signature); at >= 0; at = central.indexOf(signature, at + 4)) {
    const nameLength = central.readUInt16LE(at + 28);
    const name = central.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === 'OFD.xml') return true;
  }
  return false;
}

/** The lower-case extension of a file name ('' when none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The type a file is, when its name and content agree on an accepted one; else why it is refused. */
export function classify(fileName: string, bytes: Uint8Array): { type: AcceptedType } | { refused: string } {
  const extension = extensionOf(fileName);
  const allowed = Object.values(ACCEPTED_TYPES).flatMap((t) => t.extensions as readonly string[]);
  if (!allowed.includes(extension)) return { refused: `only ${allowed.map((e) => `.${e}`).join(', ')} files are accepted` };
  const type = detectType(bytes);
  if (!type) return { refused: 'the content is not a PDF, JPEG, PNG or OFD file, whatever its name says' };
  if (!(ACCEPTED_TYPES[type].extensions as readonly string[]).includes(extension)) {
    return { refused: `the content is ${ACCEPTED_TYPES[type].label} but the name ends in .${extension}` };
  }
  return { type };
}
