import { dayOf } from './demo-calendar';

// The findings planted in the demo data. docs/demo-data.md states how each one is measured and the
// size an analyst should find; the unit tests hold the generator to it.

/** A. 智能门锁 X2 goes on sale; a wave of 功能使用障碍 tickets about it follows and fades. */
export const LAUNCH_DAY = dayOf(6, 1);
/** Extra X2 usage tickets on launch day, relative to the whole base daily ticket volume. */
export const LAUNCH_WAVE_HEIGHT = 0.55;
export const LAUNCH_WAVE_DECAY_DAYS = 24;

/** B. 华东二组 loses five of its eight agents; its first responses take about four times as long. */
export const STAFFING_CHANGE_DAY = dayOf(8, 15);
export const STAFFING_CHANGE_AGENTS_LEFT = 3;
export const STAFFING_CHANGE_FRT_FACTOR = 4;

/** C. A new IVR menu sends phone callers to the wrong queue; transfers triple. */
export const IVR_CHANGE_DAY = dayOf(9, 10);
export const PHONE_TRANSFER_RATE_BEFORE = 0.1;
export const PHONE_TRANSFER_RATE_AFTER = 0.3;

/** D. The Chengdu warehouse falls behind: 四川 logistics tickets multiply and their CSAT collapses. */
export const SICHUAN_LOGISTICS_DAY = dayOf(10, 1);
/** 四川 物流配送 ticket volume afterwards, as a multiple of its usual volume. */
export const SICHUAN_LOGISTICS_VOLUME_FACTOR = 5;
/** Mean of the latent satisfaction of those tickets (before rounding to 1–5). */
export const SICHUAN_LOGISTICS_CSAT_MEAN = 2.25;
export const SICHUAN_LOGISTICS_RESOLUTION_FACTOR = 2;

/** Background (not a planted finding): shopping festivals bring logistics tickets. */
export const SHOPPING_FESTIVALS: readonly (readonly [number, number])[] = [
  [dayOf(6, 16), dayOf(6, 22)],
  [dayOf(11, 11), dayOf(11, 20)],
];
export const FESTIVAL_LOGISTICS_EXTRA = 1.5;
