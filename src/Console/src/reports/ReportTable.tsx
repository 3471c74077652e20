import { downloadCsv, toCsv } from './csv';

type Cell = string | number | null;

/** A report table with its CSV export: the file holds exactly the cells shown. */
export function ReportTable({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: Cell[][] }) {
  return (
    <section className="report-section" aria-labelledby={`${id}-title`} data-testid={`report-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <button type="button" data-testid={`csv-${id}`} onClick={() => downloadCsv(`${id}.csv`, toCsv(head, rows))}>
        Download CSV
      </button>
      {rows.length === 0 ? (
        <p>No data for this filter.</p>
      ) : (
        <table>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((c, j) => (
                  <td key={j}>{c ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
