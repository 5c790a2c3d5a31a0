import { JSONPath } from 'jsonc-parser';

/**
 * Where in a plan a JSON path points, for the parts the reader keeps: the resources of `planned_values`
 * (the root module's and, at any depth, its child modules') and the `after_unknown` of `resource_changes`.
 * Everything else (prior state, configuration, `before`, other resources' attributes) is skipped unread.
 */
export type PlanPlace =
  /** An object or list on the way to what is kept: its contents are read. */
  | { kind: 'container' }
  /** A planned resource, or one of its own fields (`field`: address, type, values). */
  | { kind: 'resource'; field?: string }
  /** An attribute of a planned resource's `values`. */
  | { kind: 'attribute'; name: string }
  /** An entry of `resource_changes`, a field of it, or an attribute its `after_unknown` names. */
  | { kind: 'change'; field?: string; unknown?: string }
  | { kind: 'other' };

const OTHER: PlanPlace = { kind: 'other' };
const CONTAINER: PlanPlace = { kind: 'container' };
const RESOURCE: PlanPlace = { kind: 'resource' };
const CHANGE: PlanPlace = { kind: 'change' };

export function placeOf(path: JSONPath): PlanPlace {
  if (path.length === 0) return CONTAINER;
  if (path[0] === 'resource_changes') return changePlace(path);
  if (path[0] !== 'planned_values') return OTHER;
  if (path.length === 1) return CONTAINER;
  if (path[1] !== 'root_module') return OTHER;
  let end = 2;
  while (path[end] === 'child_modules' && typeof path[end + 1] === 'number') end += 2;
  return modulePlace(path, end);
}

/** `path[end:]` inside a module object (the root module or a child module). */
function modulePlace(path: JSONPath, end: number): PlanPlace {
  const rest = path.length - end;
  if (rest === 0) return CONTAINER;
  if (rest === 1) return path[end] === 'child_modules' || path[end] === 'resources' ? CONTAINER : OTHER;
  if (path[end] !== 'resources' || typeof path[end + 1] !== 'number') return OTHER;
  if (rest === 2) return RESOURCE;
  const field = path[end + 2];
  if (typeof field !== 'string') return OTHER;
  if (rest === 3) return { kind: 'resource', field };
  const name = path[end + 3];
  return rest === 4 && field === 'values' && typeof name === 'string' ? { kind: 'attribute', name } : OTHER;
}

function changePlace(path: JSONPath): PlanPlace {
  if (path.length === 1) return CONTAINER;
  if (typeof path[1] !== 'number') return OTHER;
  if (path.length === 2) return CHANGE;
  const field = path[2];
  if (typeof field !== 'string') return OTHER;
  if (path.length === 3) return { kind: 'change', field };
  if (field !== 'change' || path[3] !== 'after_unknown') return OTHER;
  if (path.length === 4) return { kind: 'change', field: 'after_unknown' };
  return path.length === 5 && typeof path[4] === 'string' ? { kind: 'change', unknown: path[4] } : OTHER;
}
