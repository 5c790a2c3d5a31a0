// Types of rule-pages.mjs, for the TypeScript tests that import it.
export declare const RULE_PAGES_DIR: string;
export declare function ruleSections(readme: string): { rule: string; body: string }[];
export declare function rulePages(readme: string): { file: string; rule: string; text: string }[];
