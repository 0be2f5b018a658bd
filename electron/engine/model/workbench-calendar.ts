import type Database from 'better-sqlite3';
import cnMainland from '../../../resources/calendars/cn-mainland.json';
import { BusinessCalendar, restoreCalendar, type CalendarDefinition } from '../../../shared/model/calendar';
import { bumpWorkbenchVersion } from '../workbench/workbench-version';

/** The calendar a workbench starts with: mainland China's working days, as shipped in resources/. */
export const DEFAULT_CALENDAR: CalendarDefinition = restoreCalendar(cnMainland);

/** The workbench's business calendar: the one saved in it, else the default. */
export function workbenchCalendar(db: Database.Database): CalendarDefinition {
  const row = db.prepare("SELECT c.definition FROM rw_model_settings s JOIN rw_calendars c ON c.id = s.value WHERE s.key = 'calendar'").get() as { definition: string } | undefined;
  return row === undefined ? DEFAULT_CALENDAR : restoreCalendar(JSON.parse(row.definition));
}

const calendars = new WeakMap<Database.Database, { current: BusinessCalendar }>();

/**
 * Registers the SQL functions the model's formulas compile to on a connection:
 * `rw_business_minutes(start, end)` counts working minutes in the workbench's calendar.
 */
export function registerModelFunctions(db: Database.Database): void {
  const holder = { current: new BusinessCalendar(workbenchCalendar(db)) };
  calendars.set(db, holder);
  db.function('rw_business_minutes', { deterministic: true, varargs: false }, (start: unknown, end: unknown) =>
    holder.current.minutesBetween(typeof start === 'string' ? start : null, typeof end === 'string' ? end : null),
  );
}

/** Saves a calendar in the workbench and makes it the one business hours are counted in. */
export function setWorkbenchCalendar(db: Database.Database, value: unknown): CalendarDefinition {
  const definition = restoreCalendar(value);
  const calendar = new BusinessCalendar(definition);
  db.transaction(() => {
    db.prepare('INSERT INTO rw_calendars (id, definition, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at').run(
      definition.id,
      JSON.stringify(definition),
      new Date().toISOString(),
    );
    db.prepare("INSERT INTO rw_model_settings (key, value) VALUES ('calendar', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(definition.id);
    bumpWorkbenchVersion(db);
  })();
  const holder = calendars.get(db);
  if (holder !== undefined) holder.current = calendar;
  return definition;
}
