import { HclFunction } from './types';

// Placeholder until the built-in library lands (h/fn): every call is unknown.
export const FUNCTIONS: ReadonlyMap<string, HclFunction> = new Map();
