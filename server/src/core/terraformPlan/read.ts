import { JSONPath, visit } from 'jsonc-parser';
import { Span } from '../model';
import { PlanPlace, placeOf } from './paths';
import { ACCOUNT_SETTING_ATTRIBUTES, isPlanReadType, keptAttributes, PLAN_POLICY_TYPES } from './resources';

/** A literal of the plan (string, number, boolean or null) and where it stands. */
export interface PlanLiteral {
  value: unknown;
  span: Span;
}

/** A resource of `planned_values`: what the plan says will exist once applied. */
export interface PlannedResource {
  address?: PlanLiteral;
  type?: unknown;
  /** The policy and repository attributes (an account setting's name and value) that are literals; one unknown until apply is absent. */
  values: Map<string, PlanLiteral>;
}

export interface PlanRead {
  formatVersion?: unknown;
  /** In the order of the text: the root module's resources, then its child modules'. */
  resources: PlannedResource[];
  /** For each resource address, the attributes `resource_changes` says are known only after apply. */
  unknownAfterApply: Map<string, Set<string>>;
}

interface ChangeEntry {
  address?: unknown;
  type?: unknown;
  unknown: Set<string>;
}

const KEPT_ATTRIBUTES = new Set([...PLAN_POLICY_TYPES.flatMap(keptAttributes), ...ACCOUNT_SETTING_ATTRIBUTES]);

/**
 * One pass of jsonc-parser's visitor over the plan, reading only the places `placeOf` keeps: a plan of
 * tens of megabytes is mostly prior state, configuration and other resources' attributes, which are
 * skipped without building a tree. Resources do not nest, so a field belongs to the resource (or change)
 * object begun last. Broken text yields what was read before and after the break.
 */
export function readPlan(text: string): PlanRead {
  const resources: PlannedResource[] = [];
  const changes: ChangeEntry[] = [];
  let formatVersion: unknown;
  let resource: PlannedResource | undefined;
  let change: ChangeEntry | undefined;
  const enter = (path: JSONPath, object: boolean): boolean => {
    const place = placeOf(path);
    if (place.kind === 'container') return true;
    if (place.kind === 'resource' && place.field === undefined && object) resources.push(resource = { values: new Map() });
    else if (place.kind === 'change' && place.field === undefined && place.unknown === undefined && object) changes.push(change = { unknown: new Set() });
    else if (place.kind === 'resource') return place.field === 'values' && mayBePolicy(resource?.type);
    else if (place.kind === 'change') return place.field === 'after_unknown' || (place.field === 'change' && mayBePolicy(change?.type));
    else return false;
    return true;
  };
  const literal = (value: unknown, span: Span, place: PlanPlace): void => {
    if (place.kind === 'resource' && resource) {
      if (place.field === 'address') resource.address = { value, span };
      else if (place.field === 'type') resource.type = value;
    } else if (place.kind === 'attribute' && resource && KEPT_ATTRIBUTES.has(place.name)) {
      resource.values.set(place.name, { value, span });
    } else if (place.kind === 'change' && change) {
      if (place.unknown !== undefined && value === true) change.unknown.add(place.unknown);
      else if (place.field === 'address' || place.field === 'type') change[place.field] = value;
    }
  };
  visit(text, {
    onObjectBegin: (_offset, _length, _line, _character, path) => enter(path(), true),
    onArrayBegin: (_offset, _length, _line, _character, path) => enter(path(), false),
    // jsonc-parser ends a skip (a begin callback's `false`) only in the matching end callback: both are needed.
    onObjectEnd: () => undefined,
    onArrayEnd: () => undefined,
    onLiteralValue: (value: unknown, offset, length, _line, _character, pathSupplier) => {
      const path = pathSupplier();
      if (path.length === 1 && path[0] === 'format_version') formatVersion = value;
      else literal(value, { offset, length }, placeOf(path));
    },
  }, { allowTrailingComma: true, disallowComments: false });
  return { formatVersion, resources, unknownAfterApply: unknownByAddress(changes) };
}

/** Whether a resource whose `type` has (or has not yet) been read may hold a policy or the registry policy scope. */
function mayBePolicy(type: unknown): boolean {
  return type === undefined || isPlanReadType(type);
}

function unknownByAddress(changes: readonly ChangeEntry[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const entry of changes) {
    if (typeof entry.address === 'string' && entry.unknown.size > 0) result.set(entry.address, entry.unknown);
  }
  return result;
}
