import { useOptions } from './store';
import { ErrorNote, Loading, Section } from './ui';

/** A section that shows settings, while they load or when they could not be read (with a retry). */
export function SettingsPending({ id, title }: { id: string; title: string }) {
  const settings = useOptions((s) => s.settings);
  const loadSettings = useOptions((s) => s.loadSettings);
  if (settings.status === 'ready') return null;
  return (
    <Section id={id} title={title}>
      {settings.status === 'loading' ? <Loading /> : <ErrorNote message={settings.error} onRetry={() => void loadSettings()} />}
    </Section>
  );
}
