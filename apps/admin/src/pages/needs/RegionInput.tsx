import { useEffect, useId, useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { controlProps } from '../../components/Field';

type Region = Schemas['RegionResponse'];
const MIN_QUERY = 3;
const DEBOUNCE_MS = 250;

interface RegionInputProps {
  id: string;
  value: string;
  error?: string;
  hint?: string;
  onChange(code: string, region: Region | undefined): void;
}

/** A region code field with suggestions from /regions?q= (by name or code) in a native datalist. */
export function RegionInput({ id, value, error, hint, onChange }: RegionInputProps) {
  const listId = useId();
  const [suggestions, setSuggestions] = useState<Region[]>([]);

  useEffect(() => {
    const query = value.trim();
    if (query.length < MIN_QUERY) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .GET('/api/v1/regions', { params: { query: { q: query, limit: 20 } }, signal: controller.signal })
        .then(({ data }) => data && setSuggestions(data.data))
        .catch(() => undefined); // suggestions are a convenience: typing the code still works
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  return (
    <>
      <input
        {...controlProps(id, error, hint)}
        list={listId}
        value={value}
        autoComplete="off"
        onChange={(event) => {
          const code = event.target.value;
          onChange(
            code,
            suggestions.find((region) => region.code === code.trim()),
          );
        }}
      />
      <datalist id={listId}>
        {suggestions.map((region) => (
          <option key={region.code} value={region.code}>
            {region.name} ({region.level})
          </option>
        ))}
      </datalist>
    </>
  );
}
