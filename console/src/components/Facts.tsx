import { ComponentChildren } from 'preact';

/** Label–value pairs in a definition list, two pairs a row. */
export function Facts({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
    </dl>
  );
}

/** A flag's evidence as a table: nested values as compact JSON. */
export function EvidenceTable({ evidence, caption, labels }: { evidence: Record<string, unknown>; caption: string; labels: { field: string; value: string } }) {
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead><tr><th scope="col">{labels.field}</th><th scope="col">{labels.value}</th></tr></thead>
      <tbody>
        {Object.entries(evidence).map(([key, value]) => (
          <tr key={key}>
            <th scope="row" class="mono">{key}</th>
            <td class="mono">{typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
