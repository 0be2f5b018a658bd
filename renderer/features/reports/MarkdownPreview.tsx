import type { ReactNode } from 'react';
import { parseMarkdown } from '../../../shared/report/markdown';
import type { DocRun } from '../../../shared/report/report-document';

function Runs({ runs }: { readonly runs: readonly DocRun[] }): ReactNode {
  return runs.map((run, i) => {
    let node: ReactNode = run.text;
    if (run.italic === true) node = <em>{node}</em>;
    if (run.bold === true) node = <strong>{node}</strong>;
    return <span key={i}>{node}</span>;
  });
}

/** A text block's Markdown as the exports draw it: headings, paragraphs, lists, bold and italic (never as HTML). */
export function MarkdownPreview({ markdown }: { readonly markdown: string }) {
  return (
    <div className="report-markdown" data-testid="report-markdown-preview">
      {parseMarkdown(markdown).map((p, i) => {
        if (p.kind === 'heading') {
          const Heading = p.level === 1 ? 'h3' : p.level === 2 ? 'h4' : 'h5';
          return (
            <Heading key={i}>
              <Runs runs={p.runs} />
            </Heading>
          );
        }
        if (p.kind === 'paragraph')
          return (
            <p key={i}>
              <Runs runs={p.runs} />
            </p>
          );
        const List = p.ordered ? 'ol' : 'ul';
        return (
          <List key={i}>
            {p.items.map((item, j) => (
              <li key={j}>
                <Runs runs={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
