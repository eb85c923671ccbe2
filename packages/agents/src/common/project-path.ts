import { createHash } from 'node:crypto';
import { basename, isAbsolute, relative } from 'node:path';

/** The project name DevTime shows: the working directory's basename. */
export function projectOfCwd(cwd: string | null): string | null {
  if (!cwd) return null;
  const name = basename(cwd.replace(/\/+$/, ''));
  return name === '' ? null : name;
}

/** A stable identifier for the working directory that does not reveal it. */
export function hashCwd(cwd: string | null): string | null {
  return cwd ? createHash('sha256').update(cwd).digest('hex') : null;
}

/** A file path relative to the project when it lies inside it; otherwise as given. */
export function pathInProject(filePath: string, cwd: string | null): string {
  if (!cwd || !isAbsolute(filePath)) return filePath;
  const rel = relative(cwd, filePath);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? filePath : rel;
}
