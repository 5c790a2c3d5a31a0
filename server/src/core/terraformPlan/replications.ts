import { JSONPath, visit } from 'jsonc-parser';
import { nestsTooDeep } from '../json/nesting';
import { ReplicationConfiguration, ReplicationDestination, Span, Str } from '../model';
import { placeOf } from './paths';

export const PLAN_REPLICATION_TYPE = 'aws_ecr_replication_configuration';

interface Draft {
  address?: Str;
  type?: unknown;
  /** By `rule/destination` index: the destination's literals. */
  destinations: Map<string, { registryId?: Str; region?: Str }>;
}

/**
 * The replication destinations a plan (`terraform show -json`) will deploy: `planned_values` resources of
 * type aws_ecr_replication_configuration, `values.replication_configuration[].rule[].destination[]`. A
 * destination whose registry_id the plan does not hold (known only after apply) is kept as unresolved. A
 * pass of its own, made only when the plan names the type: the policy reader keeps top-level attributes.
 */
export function planReplications(text: string): ReplicationConfiguration[] {
  if (!text.includes(`"${PLAN_REPLICATION_TYPE}"`) || nestsTooDeep(text)) return [];
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  const begin = (path: JSONPath, object: boolean): boolean => {
    // Prior state, configuration and changes hold no planned destination.
    if (path.length > 0 && path[0] !== 'planned_values') return false;
    const place = placeOf(path);
    if (object && place.kind === 'resource' && place.field === undefined) drafts.push(current = { destinations: new Map() });
    return true;
  };
  visit(text, {
    onObjectBegin: (_offset, _length, _line, _character, path) => begin(path(), true),
    onArrayBegin: (_offset, _length, _line, _character, path) => begin(path(), false),
    onObjectEnd: () => undefined,
    onArrayEnd: () => undefined,
    onLiteralValue: (value, offset, length, _line, _character, pathSupplier) => {
      if (!current) return;
      const path = pathSupplier();
      const literal = typeof value === 'string' ? { value, span: { offset, length } } : undefined;
      const place = placeOf(path);
      if (place.kind === 'resource' && place.field === 'address') current.address = literal;
      else if (place.kind === 'resource' && place.field === 'type') current.type = value;
      const at = destinationField(path);
      if (!at || !literal) return;
      const destination = current.destinations.get(at.key) ?? {};
      destination[at.field] = literal;
      current.destinations.set(at.key, destination);
    },
  }, { allowTrailingComma: true, disallowComments: false });
  return drafts.flatMap((draft) => draft.type === PLAN_REPLICATION_TYPE ? configurationOf(draft) : []);
}

const DESTINATION_PATH = ['replication_configuration', 'number', 'rule', 'number', 'destination', 'number'];

/** `values.replication_configuration[i].rule[j].destination[k].registry_id` (or `.region`) of a planned resource. */
function destinationField(path: JSONPath): { key: string; field: 'registryId' | 'region' } | undefined {
  const field = path[path.length - 1];
  if (field !== 'registry_id' && field !== 'region') return undefined;
  const start = path.length - 1 - DESTINATION_PATH.length;
  if (start < 1) return undefined;
  const values = placeOf(path.slice(0, start));
  if (values.kind !== 'resource' || values.field !== 'values') return undefined;
  const tail = path.slice(start, path.length - 1);
  const matches = DESTINATION_PATH.every((expected, index) => expected === 'number' ? typeof tail[index] === 'number' : tail[index] === expected);
  return matches ? { key: `${tail[3]}/${tail[5]}`, field: field === 'registry_id' ? 'registryId' : 'region' } : undefined;
}

function configurationOf(draft: Draft): ReplicationConfiguration[] {
  const address = draft.address?.value ?? PLAN_REPLICATION_TYPE;
  const destinations: ReplicationDestination[] = [];
  for (const { registryId, region } of draft.destinations.values()) {
    const place = registryId ?? region;
    if (!place) continue;
    const id: Str = registryId ?? { value: `${address} registry_id (known after apply)`, span: place.span, origin: 'unresolved' };
    destinations.push({ registryId: id, ...(region ? { region } : {}), span: place.span });
  }
  if (destinations.length === 0) return [];
  const span: Span = draft.address?.span ?? destinations[0].span;
  return [{ span, destinations, provenance: { source: 'terraform-plan', resource: address, property: 'replication_configuration' } }];
}
