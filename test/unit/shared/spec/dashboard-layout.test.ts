import { describe, expect, it } from 'vitest';
import { compactTiles, freePlace, placeTile, type DashboardTile } from '../../../../shared/spec/dashboard-spec';

const tile = (id: string, x: number, y: number, w: number, h: number): DashboardTile => ({ id, chart: { chartId: 1 }, x, y, w, h });
const boxes = (tiles: readonly DashboardTile[]): string[] => tiles.map((t) => `${t.id}@${t.x},${t.y} ${t.w}x${t.h}`).sort();

describe('dashboard layout', () => {
  const grid = [tile('a', 0, 0, 6, 4), tile('b', 6, 0, 6, 4), tile('c', 0, 4, 12, 3)];

  it('moves a tile onto another and pushes that one down, then packs upwards', () => {
    // b dropped on a's place: a goes below b, c below a
    expect(boxes(placeTile(grid, { ...grid[1]!, x: 0, y: 0 }))).toEqual(['a@0,4 6x4', 'b@0,0 6x4', 'c@0,8 12x3']);
  });

  it('resizes a tile and pushes what it now covers, keeping every tile on the 12 columns', () => {
    const wider = placeTile(grid, { ...grid[0]!, w: 20, h: 5 });
    expect(boxes(wider)).toEqual(['a@0,0 12x5', 'b@6,5 6x4', 'c@0,9 12x3']);
    expect(boxes(placeTile(grid, { ...grid[1]!, x: 11, w: 6 }))).toEqual(['a@0,0 6x4', 'b@6,0 6x4', 'c@0,4 12x3']);
  });

  it('lifts tiles into space freed above them', () => {
    expect(boxes(compactTiles([tile('a', 0, 3, 6, 2), tile('b', 0, 9, 6, 2), tile('c', 6, 7, 6, 1)]))).toEqual(['a@0,0 6x2', 'b@0,2 6x2', 'c@6,0 6x1']);
  });

  it('finds the first free place for a new tile, row by row', () => {
    expect(freePlace([tile('a', 0, 0, 6, 4)], 6, 4)).toEqual({ x: 6, y: 0 });
    expect(freePlace(grid, 4, 4)).toEqual({ x: 0, y: 7 });
  });
});
