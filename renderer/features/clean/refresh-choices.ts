import type { RefreshConfirmation, SourceRefreshReport } from '../../../shared/spec/recipe-preview';

/** Per column of the file (its header), the source column it goes to, or null for a new column. */
export type RefreshChoices = Readonly<Record<string, string | null>>;

type Applied = SourceRefreshReport['mapping']['applied'][number];

const goesTo = (applied: Applied): string | null => (applied.isNew ? null : applied.column);

/**
 * The choices the refresh dialog starts with: the mapping's sure matches as they are; an asked
 * column goes to the column it most resembles when there is one free (the mapping only suggests
 * one at 50–80% sure), else where the trial run put it.
 */
export function firstChoices(report: SourceRefreshReport): RefreshChoices {
  const choices: Record<string, string | null> = {};
  for (const a of report.mapping.applied) choices[a.incoming] = goesTo(a);
  for (const asked of report.mapping.asked) {
    const suggested = asked.suggestedColumn;
    const taken = Object.entries(choices).some(([incoming, column]) => incoming !== asked.incoming && column === suggested);
    if (suggested !== null && !taken) choices[asked.incoming] = suggested;
  }
  return choices;
}

/** Whether a report's trial run put some column elsewhere than the choices say. */
export const differsFrom = (report: SourceRefreshReport, choices: RefreshChoices): boolean => report.mapping.applied.some((a) => choices[a.incoming] !== goesTo(a));

/**
 * The choices sent as confirmed: every asked column (so the source remembers it, even as a new
 * column) and any column the user sent elsewhere than first proposed.
 */
export function confirmationsOf(report: SourceRefreshReport, choices: RefreshChoices, proposed: RefreshChoices): RefreshConfirmation[] {
  const asked = new Set(report.mapping.asked.map((a) => a.incoming));
  return Object.entries(choices)
    .filter(([incoming, column]) => asked.has(incoming) || proposed[incoming] !== column)
    .map(([incoming, column]) => ({ incoming, column }));
}
