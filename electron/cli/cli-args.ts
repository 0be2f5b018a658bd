import { RootwiseError } from '../../shared/errors/rootwise-error';

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/** `cmd pos --flag value --switch` → command, positionals and flags. */
export function parseArgs(argv: readonly string[], switches: ReadonlySet<string>): ParsedArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (switches.has(name)) flags.set(name, true);
    else {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new RootwiseError('error.invalidRequest', { method: command ?? '', detail: `--${name} needs a value` });
      flags.set(name, value);
      i++;
    }
  }
  return { command, positional, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw new RootwiseError('error.invalidRequest', { method: args.command ?? '', detail: `--${name} is required` });
  return value;
}

export function integerFlag(args: ParsedArgs, name: string, fallback: number): number {
  const value = stringFlag(args, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new RootwiseError('error.invalidRequest', { method: args.command ?? '', detail: `--${name} must be an integer, got "${value}"` });
  return parsed;
}
