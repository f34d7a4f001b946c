/**
 * Files named in an application or a 补正: each must be the applicant's own upload and, at
 * application, stand for a material the item lists. Checked before the command runs, so a bad
 * reference changes nothing; attached after it, by the same idempotent write on a retry.
 */
import { ValidationError } from '../../engine/errors/domain-error.ts';
import type { Clock } from '../../engine/clock/clock.ts';
import type { MaterialFile, UploadStore } from './upload-store.ts';

export class MaterialFiles {
  constructor(private readonly store: UploadStore, private readonly clock: Clock) {}

  /** Refuse (400, naming `files.<i>.uploadId` / `files.<i>.material`) what is not the owner's or not a listed material. */
  async check(ownerId: string, files: MaterialFile[], listedMaterials?: string[]): Promise<void> {
    const owned = await this.store.ownedBy(ownerId, files.map((f) => f.uploadId));
    const problems = files.flatMap((f, i) => [
      ...(owned.has(f.uploadId) ? [] : [{ path: `files.${i}.uploadId`, reason: 'no upload of yours with this id' }]),
      ...(!listedMaterials || listedMaterials.includes(f.material) ? [] : [{ path: `files.${i}.material`, reason: `the item lists no material "${f.material}"` }]),
    ]);
    if (problems.length) throw new ValidationError('some files cannot be used', problems);
  }

  attach(caseId: string, files: MaterialFile[], purpose: 'application' | 'supplement', by: string): Promise<void> {
    return this.store.attach(caseId, files, purpose, by, this.clock.now());
  }
}
