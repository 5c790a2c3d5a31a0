import { FakeEcr, FakeScenario, fakeEcrEnvironment, startFakeEcr } from '../support/fakeEcr';

/**
 * Runs `body` with the local ECR endpoint started and this process's environment set to reach it with
 * made-up keys (and no other AWS setting), as the real SDK reads it; everything is put back afterwards.
 */
export async function withFakeEcr<T>(scenario: FakeScenario, body: (fake: FakeEcr) => Promise<T>, extra: NodeJS.ProcessEnv = {}): Promise<T> {
  const fake = await startFakeEcr(scenario);
  const saved = { ...process.env };
  const replace = (env: NodeJS.ProcessEnv): void => {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, env);
  };
  replace({ ...fakeEcrEnvironment(fake.url, saved), ...extra });
  try {
    return await body(fake);
  } finally {
    replace(saved);
    await fake.close();
  }
}
