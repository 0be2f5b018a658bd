import fs from 'node:fs';
import { SeededRandom } from '../../electron/engine/demo/seeded-random';
import { CATEGORIES, CHANNELS, NEGATIVE_COMMENTS, NEUTRAL_COMMENTS, POSITIVE_COMMENTS, PRIORITIES, PRODUCTS, REGIONS, STATUSES, TEAMS, TEAM_AGENTS } from '../../electron/engine/demo/demo-vocabulary';
import { csvCell } from '../../shared/format/csv';

const HEADER = [
  'ticket_id',
  'customer_id',
  'channel',
  'category',
  'product',
  'region',
  'agent',
  'team',
  'priority',
  'created_at',
  'first_response_at',
  'resolved_at',
  'status',
  'reopen_count',
  'transfer_count',
  'csat',
  'nps',
  'handle_time',
  'refund',
  'comment',
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const START = Date.UTC(2024, 0, 1);
const moment = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const PHRASES = [...NEGATIVE_COMMENTS.flat(), ...NEUTRAL_COMMENTS, ...POSITIVE_COMMENTS];

/** A customer's comment: a few phrases, often with a comma, sometimes a quote or a line break,
 * as free text from a ticket system is (so many cells need quoting). */
function comment(random: SeededRandom): string {
  if (random.chance(0.2)) return '';
  const parts = Array.from({ length: 3 + random.below(4) }, () => PHRASES[random.below(PHRASES.length)]!);
  let text = parts.join(random.chance(0.5) ? '，' : ', ');
  if (random.chance(0.1)) text = `客户原话："${text}"`;
  if (random.chance(0.05)) text = `${text}\n（已回访）`;
  return text;
}

/**
 * The import benchmark's input: a seeded ticket export of `rows` rows, about 300 bytes each —
 * Chinese text, quoted comments with commas, quotes and line breaks, empty cells, ISO times,
 * clock durations and money. Returns the file's size.
 */
export function writeBenchTicketsCsv(file: string, rows: number, seed: number): number {
  const random = new SeededRandom(seed);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${HEADER.join(',')}\n`);
  let block: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const created = START + Math.floor((i / rows) * 365 * 86_400_000) + random.below(3_600_000);
    const team = random.below(TEAMS.length);
    const agents = TEAM_AGENTS[team]!;
    const answered = created + (60 + random.below(7200)) * 1000;
    const resolved = random.chance(0.9) ? moment(answered + random.below(3 * 86_400) * 1000) : '';
    const surveyed = random.chance(0.4);
    const handle = 60 + random.below(5400);
    const fields: (string | number)[] = [
      `T${pad(i, 8)}`,
      `C${pad(random.below(200_000), 6)}`,
      CHANNELS[random.below(CHANNELS.length)]!,
      CATEGORIES[random.below(CATEGORIES.length)]!,
      PRODUCTS[random.below(PRODUCTS.length)]!,
      REGIONS[random.below(REGIONS.length)]!,
      agents[random.below(agents.length)]!,
      TEAMS[team]!,
      PRIORITIES[random.below(PRIORITIES.length)]!,
      moment(created),
      moment(answered),
      resolved,
      STATUSES[resolved === '' ? 2 + random.below(2) : random.below(2)]!,
      random.chance(0.9) ? 0 : 1 + random.below(3),
      random.chance(0.85) ? 0 : 1 + random.below(4),
      surveyed ? 1 + random.below(5) : '',
      surveyed ? random.below(11) : '',
      `${pad(Math.floor(handle / 3600))}:${pad(Math.floor(handle / 60) % 60)}:${pad(handle % 60)}`,
      random.chance(0.1) ? `¥${(random.below(500_000) / 100).toLocaleString('en', { minimumFractionDigits: 2 })}` : '',
      comment(random),
    ];
    block.push(fields.map((f) => (typeof f === 'number' ? String(f) : csvCell(f))).join(','));
    if (block.length === 20_000) {
      fs.writeSync(out, `${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length > 0) fs.writeSync(out, `${block.join('\n')}\n`);
  // on disk before anything is timed: the kernel writing 300 MB back meanwhile would slow what runs first
  fs.fsyncSync(out);
  fs.closeSync(out);
  return fs.statSync(file).size;
}
