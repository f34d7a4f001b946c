/** Projects (工程建设项目) and the key-project flag (重点项目) that puts them on the green channel. */

export interface ProjectRecord {
  id: string;
  name: string;
  applicantId: string;
  regionCode: string;
  keyProject: boolean;
  helperId: string | null;
  markedBy: string | null;
  markedAt: Date | null;
  createdAt: Date;
}

export interface ProjectStore {
  create(project: ProjectRecord): Promise<void>;
  get(id: string): Promise<ProjectRecord | undefined>;
  /** Mark a project as key project; false when it already was. */
  markKey(id: string, by: string, helperId: string | null, at: Date): Promise<boolean>;
  /** Running cases of the project that are not on the green channel yet. */
  casesToMarkGreen(id: string): Promise<string[]>;
}
