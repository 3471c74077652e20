import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { LabelDto } from '../api/types';

let cache: Promise<LabelDto[]> | null = null;

/** The shop's labels (fetched once per page load; a failed fetch is retried on the next use). */
export function useLabels(): LabelDto[] {
  const [labels, setLabels] = useState<LabelDto[]>([]);
  useEffect(() => {
    let live = true;
    cache ??= api.labels().catch(() => {
      cache = null;
      return [];
    });
    void cache.then((l) => live && setLabels(l));
    return () => {
      live = false;
    };
  }, []);
  return labels;
}

/** A label chip: its colour as a swatch beside the name (text keeps its contrast). */
export function LabelChip({ label }: { label: LabelDto }) {
  return (
    <span className="label-chip" data-testid="label-chip">
      <span className="swatch" style={{ background: label.color }} aria-hidden="true" />
      {label.name}
    </span>
  );
}
