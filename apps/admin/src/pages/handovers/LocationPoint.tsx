import { useState } from 'react';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { HandoverFormValues } from './handover-form-model';

interface LocationPointProps {
  values: HandoverFormValues;
  patch(change: Partial<HandoverFormValues>): void;
  errorOf(path: string): string | undefined;
}

/** Latitude and longitude of the handover: typed, or taken from the device's location with its accuracy shown. */
export function LocationPoint({ values, patch, errorOf }: LocationPointProps) {
  const { t, format } = useI18n();
  const [locating, setLocating] = useState(false);
  const [failed, setFailed] = useState(false);
  const available = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  function locate() {
    setLocating(true);
    setFailed(false);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setLocating(false);
        patch({
          lat: coords.latitude.toFixed(6),
          lon: coords.longitude.toFixed(6),
          accuracy: Math.round(coords.accuracy),
        });
      },
      () => {
        setLocating(false);
        setFailed(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  const coordinate = (
    path: 'location.lat' | 'location.lon',
    id: string,
    label: string,
    key: 'lat' | 'lon',
  ) => (
    <Field id={id} label={label} error={errorOf(path)}>
      <input
        {...controlProps(id, errorOf(path))}
        inputMode="decimal"
        autoComplete="off"
        value={values[key]}
        onChange={(event) => patch({ [key]: event.target.value, accuracy: null })}
      />
    </Field>
  );

  return (
    <fieldset className="form-grid__wide fieldset">
      <legend>{t('handoverForm.coordinates')}</legend>
      <div className="location-point">
        {coordinate('location.lat', 'ho-lat', t('needs.lat'), 'lat')}
        {coordinate('location.lon', 'ho-lon', t('needs.lon'), 'lon')}
        {available && (
          <button
            type="button"
            className="button button--secondary location-point__locate"
            onClick={locate}
            disabled={locating}
          >
            {locating ? t('handoverForm.locating') : t('handoverForm.useLocation')}
          </button>
        )}
      </div>
      <p className="field__hint" aria-live="polite" data-testid="location-accuracy">
        {values.accuracy != null && t('handoverForm.accuracy', { metres: format.number(values.accuracy) })}
      </p>
      {failed && (
        <p className="field__error" role="alert">
          {t('handoverForm.locationFailed')}
        </p>
      )}
    </fieldset>
  );
}
