import type { Schemas } from '@ksbb/api-client';
import type { Column } from '../components/DataTable';
import type { I18n } from '../i18n/I18nProvider';

type Program = Schemas['ProgramResponse'];

export function programColumns({ t, format }: I18n): Column<Program>[] {
  return [
    { header: t('program.name'), cell: (program) => <strong>{program.name}</strong> },
    { header: t('program.code'), cell: (program) => <code>{program.code}</code> },
    {
      header: t('program.status'),
      cell: (program) => (
        <span className={`badge badge--${program.status}`}>{t(`programStatus.${program.status}`)}</span>
      ),
    },
    {
      header: t('program.claimHold'),
      className: 'num',
      cell: (program) => t('program.days', { count: format.number(program.claimHoldDays) }),
    },
    {
      header: t('program.opensAt'),
      cell: (program) => (program.opensAt ? format.date(program.opensAt) : '—'),
    },
  ];
}
