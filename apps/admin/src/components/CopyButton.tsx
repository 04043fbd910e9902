import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Copies `text` to the clipboard and says so; falls back to selecting the text when the clipboard is refused. */
export function CopyButton({ text, label, targetId }: { text: string; label: string; targetId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setCopied('no');
    }
  }

  return (
    <>
      <button type="button" className="button button--secondary" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted">
        {copied === 'yes' && t('copy.done')}
        {copied === 'no' && t('copy.manual')}
      </span>
    </>
  );
}
