/**
 * The interchange records the demo generator yields (docs/graph-format.md):
 * a graph entity with its `type`. Re-exported by generate.ts.
 */
import type { Contact, Interaction, TypedRecord } from '../graph/model';

export type DemoRecord = TypedRecord;

export type InteractionRecord = { type: 'interaction' } & Interaction;
export type ContactRecord = { type: 'contact' } & Contact;

export function withType<T extends DemoRecord['type'], R>(type: T, r: R): { type: T } & R {
  return { type, ...r };
}
