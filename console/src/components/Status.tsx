import { useI18n } from '../i18n';

export function SeverityBadge({ severity }: { severity: string | null }) {
  const { e } = useI18n();
  if (!severity) return <span>—</span>;
  return <span class={`badge sev-${severity}`}>{e('severity', severity)}</span>;
}

export function Problem({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return <p role="alert" class="problem">{t.error}: {error.message}</p>;
}

export function Loading() {
  const { t } = useI18n();
  return <p class="loading" aria-live="polite">{t.loading}</p>;
}
