/**
 * The sync's setup from the connectors file: the file itself, the
 * vocabulary it names and the installed connectors, checked together so a
 * mistake shows at start with a clear message (a source naming a connector
 * that is not installed, settings its schema refuses, a broken vocabulary).
 */
import { CONNECTORS, type AnyConnector } from '../connectors/index';
import type { SyncSetup } from './pipeline';
import { loadConnectorsFile, PolicyError } from './policy';
import { connectorConfig } from './run';
import { loadVocabulary, type VocabularyFile } from './vocabulary';

export function loadSetup(path: string, connectors: readonly AnyConnector[] = CONNECTORS): SyncSetup {
  const { file, vocabularyPath } = loadConnectorsFile(path);
  let vocabulary: VocabularyFile | undefined;
  if (vocabularyPath) {
    const v = loadVocabulary(vocabularyPath);
    vocabulary = v.file;
  }
  for (const s of file.sources) {
    const c = connectors.find((x) => x.id === s.connector);
    if (!c) throw new PolicyError(`${path}: source "${s.connector}": no such connector is installed (installed: ${connectors.map((x) => x.id).join(', ') || 'none'}).`);
    connectorConfig(c, s.settings);
  }
  return { file, vocabulary, connectors };
}
