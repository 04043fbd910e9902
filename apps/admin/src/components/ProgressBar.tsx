/** A progress bar; without `value` it is indeterminate (work of unknown length). */
export function ProgressBar({ label, value }: { label: string; value?: number }) {
  const percent = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        {percent !== undefined && <span>{percent}%</span>}
      </div>
      <div
        className={percent === undefined ? 'progress__track progress__track--busy' : 'progress__track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress__bar" style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
