/**
 * The typed errors of writing a results folder, in a module of their own:
 * the command line tells them apart for every command, and importing them
 * from the modules that write (which load `node:crypto` and the manifest)
 * cost each command's start, `validate` included, a few milliseconds
 * (issue #11, reading). Those modules re-export them, so either import works.
 */

/** Thrown by `writeFilesAtomic` when a file of the set cannot replace what has its name (e.g. a folder). */
export class NotReplaceableError extends Error {
  override readonly name = 'NotReplaceableError';
  /** @param path the path that cannot be replaced */
  constructor(readonly path: string, what: string) {
    super(`${path} is ${what}; it cannot be replaced by a file`);
  }
}

/** Thrown by `writeResults` when the results folder is the input folder: writing there could overwrite the input. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
  /**
   * @param outDir the results folder as given
   * @param inputDir the input folder as given
   */
  constructor(readonly outDir: string, readonly inputDir: string) {
    super(`the results folder ${outDir} is the input folder ${inputDir}; choose another folder for the results`);
  }
}

/** What is wrong with a results folder path (see `OutputPathError`). */
export type OutputPathProblem =
  /** The path exists and is a file (or another non-folder). */
  | 'not-a-folder'
  /** A folder on the way to it is a file. */
  | 'parent-not-a-folder'
  /** It cannot be created or written (no permission, read-only file system). */
  | 'not-writable'
  /** A name of a result file inside it is taken by a folder or another non-file. */
  | 'name-taken'
  /** Writing failed midway (disk full, permission changed); the old results are untouched. */
  | 'write-failed';

/** Thrown when the results folder (`--out`) cannot hold the results; the CLI exits 2 with its message. */
export class OutputPathError extends Error {
  override readonly name = 'OutputPathError';
  /**
   * @param dir the results folder as given
   * @param problem what is wrong
   * @param detail the plain-language explanation
   * @param path the path at fault (the folder, a parent, or a file inside it)
   */
  constructor(readonly dir: string, readonly problem: OutputPathProblem, detail: string, readonly path: string = dir) {
    super(`the results folder ${dir} cannot be used: ${detail}`);
  }
}

/** Thrown when another running process holds the lock of a results folder. */
export class OutputLockedError extends Error {
  override readonly name = 'OutputLockedError';
  /**
   * @param dir the results folder
   * @param pid the holder's process id, `undefined` when the lock is being created
   */
  constructor(readonly dir: string, readonly pid: number | undefined) {
    super(`the results folder ${dir} is being written by another run${pid === undefined ? '' : ` (process ${pid})`}; wait for it to end or choose another --out folder`);
  }
}
