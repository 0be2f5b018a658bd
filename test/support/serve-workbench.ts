import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `rootwise serve` on a workbench, as a user does, and reads the `Rootwise available at …`
 * line it prints. Used by the e2e host and by the window's benchmark.
 */
export async function serveWorkbench(cli: string, workbench: string, home: string, timeoutMs = 60_000): Promise<{ readonly url: string; readonly child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'serve', '--workbench', workbench], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROOTWISE_HOME: home } });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`rootwise serve printed no URL within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Rootwise available at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rootwise serve exited with ${code}:\n${output}`));
    });
  });
  return { url, child };
}
