import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { controlProps } from '../../components/Field';
import { regionLabel } from '../../components/region-label';
import { rememberRegions, useRegions, type Region } from '../../hooks/useRegionNames';
import { useI18n } from '../../i18n/I18nProvider';

/** The levels the picker narrows through, in order: kecamatan → kelurahan → RW → RT. */
const LEVELS = ['district', 'village', 'rw', 'rt'] as const;
type PickLevel = (typeof LEVELS)[number];
const CODE = /^31\.\d{2}\.\d{2}(\.\d{4}(\.RW\d{2}(\.RT\d{3})?)?)?$/;
const DEBOUNCE_MS = 200;
const LIMIT = 50;

interface RegionInputProps {
  id: string;
  value: string;
  error?: string;
  hint?: string;
  onChange(code: string, region: Region | undefined): void;
}

function isPickLevel(level: string): level is PickLevel {
  return (LEVELS as readonly string[]).includes(level);
}

/** The chosen path (kecamatan, kelurahan, RW, RT) of a code: its prefixes from the district down. */
function pathCodes(code: string): string[] {
  const parts = code.split('.');
  if (parts.length < 3) return [];
  return parts.slice(3).reduce<string[]>((codes, part) => [...codes, `${codes[codes.length - 1]}.${part}`], [
    parts.slice(0, 3).join('.'),
  ]);
}

/**
 * The region picker: a combobox (WAI-ARIA combobox pattern with a listbox popup) that searches by name at each level
 * and narrows down — first the kecamatan, then its kelurahan, its RW, its RT. Each choice sets the value (the code of
 * the deepest region chosen) and moves on to the next level; the chosen path shows as buttons that go back to that
 * level. Typing a whole region code still works. Arrow keys move through the options, Enter chooses, Escape closes,
 * Backspace in an empty field goes up a level.
 */
export function RegionInput({ id, value, error, hint, onChange }: RegionInputProps) {
  const { t } = useI18n();
  const listId = useId();
  const helpId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const codes = useMemo(() => pathCodes(value.trim()), [value]);
  const lookup = useRegions(codes);
  const path = codes.map((code) => lookup(code)).filter((region): region is Region => !!region);
  const level: PickLevel | undefined = LEVELS[path.length];
  const parent = path[path.length - 1];

  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Region[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open || !level) return;
    const q = query.trim();
    const byCode = /^\d/.test(q);
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .GET('/api/v1/regions', {
          params: {
            query: byCode
              ? { q, limit: 20 }
              : { level, ...(parent ? { parentCode: parent.code } : {}), ...(q ? { q } : {}), limit: LIMIT, sort: 'name' },
          },
          signal: controller.signal,
        })
        .then(({ data }) => {
          if (!data) return;
          rememberRegions(data.data);
          setOptions(data.data);
          setActive(0);
          setLoaded(true);
        })
        .catch(() => undefined); // offline: typing a code still works
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [open, level, parent, query]);

  const choose = (region: Region) => {
    rememberRegions([region]);
    onChange(region.code, region);
    setQuery('');
    setLoaded(false);
    setOptions([]);
    setOpen(region.level !== 'rt');
    inputRef.current?.focus();
  };

  /** Back to a level: the path above it stays chosen. */
  const backTo = (index: number) => {
    const above = path[index - 1];
    onChange(above?.code ?? '', above);
    setQuery('');
    setOpen(true);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length ? (current + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && path.length > 0) {
      backTo(path.length - 1);
    }
  };

  const levelName = level ? t(`regionPicker.level.${level}`) : '';
  const expanded = open && !!level && loaded;
  const activeId = expanded && options[active] ? `${listId}-${active}` : undefined;
  const described = [controlProps(id, error, hint)['aria-describedby'], helpId].filter(Boolean).join(' ');

  return (
    <div className="region-picker">
      {path.length > 0 && (
        <ol className="region-picker__path" aria-label={t('regionPicker.path')}>
          {path.map((region, index) => (
            <li key={region.code}>
              <button
                type="button"
                className="region-picker__step"
                title={t('region.codeHint', { code: region.code })}
                onClick={() => backTo(index)}
              >
                <span className="visually-hidden">
                  {t('regionPicker.back', { level: t(`regionPicker.level.${LEVELS[index]}`) })}:{' '}
                </span>
                {index === 0 ? regionLabel(region, t) : region.name}
                <span aria-hidden="true"> ×</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <input
        {...controlProps(id, error, hint)}
        ref={inputRef}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={described}
        autoComplete="off"
        value={query}
        placeholder={level ? t('regionPicker.placeholder', { level: levelName }) : t('regionPicker.chosen', { name: parent ? regionLabel(parent, t) : '' })}
        onChange={(event) => {
          const text = event.target.value;
          setQuery(text);
          setOpen(true);
          // a whole code typed (or pasted) is the value as it is
          if (CODE.test(text.trim())) onChange(text.trim(), undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={(event) => {
          if (!event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) setOpen(false);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={helpId} className="visually-hidden">
        {t('regionPicker.help')}
      </p>
      <ul id={listId} role="listbox" className="region-picker__list" aria-label={levelName} hidden={!expanded}>
        {options.map((region, index) => (
          <li
            key={region.code}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="region-picker__option"
            title={t('region.codeHint', { code: region.code })}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(region)}
          >
            {region.level === 'district' || region.level === 'village' ? region.name : regionLabel(region, t)}
            <span className="muted small">
              {' · '}
              {isPickLevel(region.level) ? t(`regionPicker.level.${region.level}`) : region.level}
            </span>
          </li>
        ))}
      </ul>
      <p id={statusId} className="visually-hidden" role="status" aria-live="polite">
        {expanded
          ? options.length
            ? t('regionPicker.results', { count: options.length })
            : t('regionPicker.none', { level: levelName })
          : ''}
      </p>
      {expanded && options.length === 0 && (
        <p className="muted small region-picker__none">{t('regionPicker.none', { level: levelName })}</p>
      )}
    </div>
  );
}
