import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../auth/current-user';
import { useI18n } from '../../i18n/I18nProvider';
import { ByTargetSection } from './ByTargetSection';
import { CoverageSection } from './CoverageSection';
import { ReportDownloads } from './ReportDownloads';
import { ReportSchedules } from './ReportSchedules';
import { SummaryFigures } from './SummaryFigures';

export default function ReportsPage() {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  // the viewer reads reports and schedules; creating and deleting schedules is the Pokja's
  const mayManage = role === 'admin' || role === 'operator';
  return (
    <>
      <PageHeader title={t('reports.title')} intro={t('reports.intro')} />
      <SummaryFigures />
      <CoverageSection />
      <ByTargetSection />
      <ReportDownloads />
      <ReportSchedules mayManage={mayManage} />
    </>
  );
}
