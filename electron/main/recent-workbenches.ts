import fs from 'node:fs';
import path from 'node:path';

const FILE_VERSION = 1;

/** The Open Recent list: absolute paths, newest first, kept as JSON in the user-data folder. */
export class RecentWorkbenches {
  private paths: string[];

  constructor(
    private readonly file: string,
    private readonly limit = 10,
  ) {
    this.paths = readList(file).slice(0, limit);
  }

  list(): readonly string[] {
    return this.paths;
  }

  add(workbenchPath: string): void {
    const absolute = path.resolve(workbenchPath);
    this.paths = [absolute, ...this.paths.filter((known) => !samePath(known, absolute))].slice(0, this.limit);
    this.save();
  }

  remove(workbenchPath: string): void {
    this.paths = this.paths.filter((known) => !samePath(known, workbenchPath));
    this.save();
  }

  clear(): void {
    this.paths = [];
    this.save();
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify({ version: FILE_VERSION, workbenches: this.paths }, null, 2)}\n`);
    fs.renameSync(temporary, this.file);
  }
}

/** A missing or damaged list is an empty one: losing the recent list must never stop the app. */
function readList(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || !('workbenches' in parsed) || !Array.isArray(parsed.workbenches)) return [];
  const entries: unknown[] = parsed.workbenches;
  return entries.filter((entry): entry is string => typeof entry === 'string' && path.isAbsolute(entry));
}

function samePath(a: string, b: string): boolean {
  const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}
