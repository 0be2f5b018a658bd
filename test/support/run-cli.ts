import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI } from './paths';

const run = promisify(execFile);

/** Runs the built `rootwise` CLI as a user does, in English unless `env` says otherwise. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
