import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';

/** The OASIS SARIF 2.1.0 schema, shipped as test data (test/data/README.md says where it comes from). */
export function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'data', 'sarif-schema-2.1.0.json'), 'utf8')));
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}
