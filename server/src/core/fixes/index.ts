/** Quick fixes: builders per syntax behind one entry point, fix-all, and trust list edits. */
export { fixesFor, preferredFix } from './fixesFor';
export { fixAll, fixAllAsync } from './fixAll';
export type { Analyze, FixAnalysis } from './fixAll';
export { applyEdits, minimalEdit } from './text';
export { addOrganization, addOwnAccount, addSuppression, extendTrustList, newTrustList, trustAccount } from './trustEdits';
export type { SuppressionEntry, TrustAnswers } from './trustEdits';
export type { Fix, FixAnswers, FixId, FixInput, FixSource, TextEditSpan } from './types';
