import { expect, type Locator, type Page } from '@playwright/test';

export type ShelfId = 'x' | 'y' | 'color' | 'size' | 'label' | 'tooltip' | 'filters';

/** One plotted trace as plotly holds it on the chart element (`el.data`). */
export interface PlottedTrace {
  readonly type: string;
  readonly mode: string | null;
  readonly name: string | null;
  readonly x: readonly (string | number | null)[];
  readonly y: readonly (number | null)[];
  /** Pie and donut slices. */
  readonly labels: readonly (string | number)[];
  readonly values: readonly (number | null)[];
  /** Heatmap cells, row by row. */
  readonly z: readonly (readonly (number | null)[])[];
  /** The y axis a trace is drawn against (`y2` for a Pareto's cumulative share). */
  readonly yaxis: string | null;
  /** What the hover shows of each point (flattened to text). */
  readonly customdata: readonly string[];
  readonly orientation: string | null;
  /** The text written on each mark (the Label shelf). */
  readonly text: readonly string[];
  /** Each marker's size, when sized by a measure (the Size shelf). */
  readonly markerSize: readonly number[];
  /** A box plot's five numbers per box, as given to plotly. */
  readonly box: { readonly lowerfence: readonly number[]; readonly q1: readonly number[]; readonly median: readonly number[]; readonly q3: readonly number[]; readonly upperfence: readonly number[] };
}

/**
 * The Analyze workspace of the served renderer, driven the way a user drives it: real pointer
 * moves for drag and drop, the keyboard for undo, the language switch in the top bar.
 */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('status-bar')).toContainText(/\d/);
  }

  field(table: string, name: string): Locator {
    return this.page.getByTestId(`field-${table}.${name}`);
  }

  /** The field's name as the list shows it in the current language. */
  async fieldLabel(table: string, name: string): Promise<string> {
    return (await this.field(table, name).locator('.field-label').innerText()).trim();
  }

  shelf(shelf: ShelfId): Locator {
    return this.page.getByTestId(`shelf-${shelf}`);
  }

  shelfTitle(shelf: ShelfId): Locator {
    return this.page.locator(`#shelf-title-${shelf}`);
  }

  pill(shelf: ShelfId, index: number): Locator {
    return this.page.getByTestId(`pill-${shelf}-${index}`);
  }

  /** The sheet tabs under the chart. */
  get sheetTabs(): Locator {
    return this.page.getByRole('tablist');
  }

  sheetTab(name: string): Locator {
    return this.sheetTabs.getByRole('tab', { name, exact: true });
  }

  get saveStatus(): Locator {
    return this.page.locator('.sheet-save-status');
  }

  /** Adds a sheet with the + after the tabs and waits until it is the one shown (empty). */
  async newSheet(): Promise<void> {
    // the workbench's sheets load after the page: count them once they are there
    await expect(this.sheetTabs.getByRole('tab').first()).toBeVisible();
    const before = await this.sheetTabs.getByRole('tab').count();
    await this.page.locator('.sheet-tab-new').click();
    await expect(this.sheetTabs.getByRole('tab')).toHaveCount(before + 1);
    await expect(this.sheetTabs.getByRole('tab').last()).toHaveAttribute('aria-selected', 'true');
    await expect(this.emptyState).toBeVisible();
  }

  get chart(): Locator {
    return this.page.getByTestId('chart');
  }

  get emptyState(): Locator {
    return this.page.getByTestId('empty-state');
  }

  get languageSwitch(): Locator {
    return this.page.getByTestId('language-switch');
  }

  /** Shows a table's fields in the field list when they are folded away. */
  async showFieldsOf(table: string): Promise<void> {
    const toggle = this.page.getByTestId(`table-${table}`);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** Drags with the mouse in small steps, so dnd-kit's pointer sensor sees a real drag. */
  /** Drags with the mouse from the source's centre to the target's (or to `at`, fractions of its width and height). */
  async dragTo(source: Locator, target: Locator, at: { readonly x: number; readonly y: number } = { x: 0.5, y: 0.5 }): Promise<void> {
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    const to = await target.boundingBox();
    if (from === null || to === null) throw new Error('drag source or target is not on screen');
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + 10, start.y + 4, { steps: 4 });
    await this.page.mouse.move(to.x + to.width * at.x, to.y + to.height * at.y, { steps: 20 });
    await this.page.mouse.up();
  }

  async dragFieldToShelf(table: string, name: string, shelf: ShelfId): Promise<void> {
    await this.showFieldsOf(table);
    await this.dragTo(this.field(table, name), this.shelf(shelf));
  }

  /** The traces plotly currently draws; empty while no chart is shown. */
  async traces(): Promise<PlottedTrace[]> {
    return this.tracesOf(this.chart);
  }

  /** The traces of one plotly chart (a dashboard tile's); empty while it draws none. */
  async tracesOf(chart: Locator): Promise<PlottedTrace[]> {
    if ((await chart.count()) === 0) return [];
    return chart.evaluate((el) => {
      const data = (el as HTMLElement & { data?: Record<string, unknown>[] }).data ?? [];
      return data.map((trace) => ({
        type: String(trace['type']),
        mode: typeof trace['mode'] === 'string' ? trace['mode'] : null,
        name: typeof trace['name'] === 'string' ? trace['name'] : null,
        x: Array.from((trace['x'] ?? []) as ArrayLike<string | number | null>),
        y: Array.from((trace['y'] ?? []) as ArrayLike<number | null>),
        labels: Array.from((trace['labels'] ?? []) as ArrayLike<string | number>),
        values: Array.from((trace['values'] ?? []) as ArrayLike<number | null>),
        z: Array.from((trace['z'] ?? []) as ArrayLike<ArrayLike<number | null>>).map((row) => Array.from(row)),
        yaxis: typeof trace['yaxis'] === 'string' ? trace['yaxis'] : null,
        orientation: typeof trace['orientation'] === 'string' ? trace['orientation'] : null,
        customdata: Array.from((trace['customdata'] ?? []) as ArrayLike<unknown>).map((d) => (Array.isArray(d) ? d.join(' | ') : String(d))),
        text: Array.isArray(trace['text']) ? (trace['text'] as unknown[]).map(String) : [],
        markerSize: Array.isArray((trace['marker'] as { size?: unknown } | undefined)?.size) ? ((trace['marker'] as { size: number[] }).size) : [],
        box: {
          lowerfence: Array.from((trace['lowerfence'] ?? []) as ArrayLike<number>),
          q1: Array.from((trace['q1'] ?? []) as ArrayLike<number>),
          median: Array.from((trace['median'] ?? []) as ArrayLike<number>),
          q3: Array.from((trace['q3'] ?? []) as ArrayLike<number>),
          upperfence: Array.from((trace['upperfence'] ?? []) as ArrayLike<number>),
        },
      }));
    });
  }

  /** The chart's layout as plotly holds it (barmode, shapes). */
  async layout(): Promise<{ readonly barmode: string | null; readonly shapes: readonly { readonly y0: number }[] }> {
    return this.chart.evaluate((el) => {
      const layout = (el as HTMLElement & { layout?: Record<string, unknown> }).layout ?? {};
      const shapes = (layout['shapes'] ?? []) as { y0: number }[];
      return { barmode: typeof layout['barmode'] === 'string' ? layout['barmode'] : null, shapes: shapes.map((sh) => ({ y0: sh.y0 })) };
    });
  }

  /** Picks a chart kind in the inspector. */
  async chooseKind(kind: string): Promise<void> {
    await this.page.getByTestId(`chart-type-${kind}`).click();
    await expect(this.page.getByTestId(`chart-type-${kind}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** Waits until the chart draws what `ready` accepts, and returns it. */
  async waitForTraces(ready: (traces: PlottedTrace[]) => boolean, message: string): Promise<PlottedTrace[]> {
    await expect.poll(async () => ready(await this.traces()), { message }).toBe(true);
    return this.traces();
  }

  axisTitle(axis: 'x' | 'y'): Locator {
    return this.chart.locator(`.g-${axis}title text`);
  }

  /** Opens a workspace from the rail on the left. */
  async openWorkspace(workspace: 'data' | 'analyze' | 'dashboards' | 'boards' | 'model' | 'clean'): Promise<void> {
    await this.page.getByTestId(`rail-${workspace}`).click();
  }

  /** A table in the Data workspace's table list. */
  dataTable(table: string): Locator {
    return this.page.getByTestId(`data-table-${table}`);
  }

  /** The "Rejected (N)" tab above the Data preview; absent for a table without rejects. */
  get rejectsTab(): Locator {
    return this.page.getByTestId('rejects-tab');
  }

  get rejectsTable(): Locator {
    return this.page.getByTestId('rejects-table');
  }

  /** The i-th reject (0-based, over all pages) with its file, line, column, raw text and reason cells. */
  rejectRow(index: number): { row: Locator; line: Locator; column: Locator; raw: Locator; reason: Locator } {
    const row = this.page.getByTestId(`reject-row-${index}`);
    return {
      row,
      line: row.getByTestId('reject-line'),
      column: row.getByTestId('reject-column'),
      raw: row.getByTestId('reject-raw'),
      reason: row.getByTestId('reject-reason'),
    };
  }

  get importDialog(): Locator {
    return this.page.getByTestId('import-dialog');
  }

  /** Picks files with the top bar's Import button (its hidden file input). */
  async pickFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles({ name, mimeType, buffer });
  }

  /** Drops a file on the window, as from the desktop: dragenter, dragover, drop. */
  async dropFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ bytes, fileName, type }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], fileName, { type }));
        return transfer;
      },
      { bytes: [...buffer], fileName: name, type: mimeType },
    );
    for (const event of ['dragenter', 'dragover', 'drop']) await this.page.dispatchEvent('body', event, { dataTransfer });
  }

  /** In the import dialog: waits for the preview, imports, and waits for the report. */
  async confirmImport(): Promise<Locator> {
    await expect(this.importDialog.getByTestId('import-preview')).toBeVisible();
    await this.importDialog.getByTestId('import-confirm').click();
    const report = this.importDialog.getByTestId('import-report');
    await expect(report).toBeVisible();
    return report;
  }

  /** Picks a file, imports it as previewed, closes the report; returns the report's text. */
  async importFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<string> {
    await this.pickFile(name, buffer, mimeType);
    const report = await this.confirmImport();
    const text = await report.innerText();
    await this.importDialog.getByTestId('import-done').click();
    await expect(this.importDialog).toBeHidden();
    return text;
  }

  async switchLanguage(): Promise<void> {
    await this.languageSwitch.click();
  }

  async undo(): Promise<void> {
    await this.page.locator('body').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
    await this.page.keyboard.press('Control+z');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.mouse.move(1, 1);
    await this.page.screenshot({ path });
  }
}
