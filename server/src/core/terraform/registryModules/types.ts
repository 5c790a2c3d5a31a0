import { Origin, Value } from '../eval/value';

/** One repository or registry policy a registry module would create, built from the call's inputs. */
export interface ModulePolicy {
  /** The resource's address inside the module: `aws_ecr_repository_policy.this[0]`, `aws_ecr_repository_policy.name["app"]`. */
  resource: string;
  /** The resource argument that holds the policy. */
  property: string;
  /** The repository's name (absent for a registry policy). */
  repository?: Value;
  /**
   * The policy as its JSON decodes (`{Version, Statement: [{Sid, Effect, Principal: {AWS: [...]}, Action: [...],
   * Condition: {...}}]}`). The caller's input values stand in it themselves, so findings land on the input;
   * what the module writes itself carries the call's origin. Unknown where the module's choice of policy is.
   */
  policy: Value;
}

/** A registry replication configuration a registry module would create. */
export interface ModuleReplication {
  /** The resource's address inside the module: `aws_ecr_replication_configuration.this[0]`. */
  resource: string;
  /** The module input that holds the rules. */
  property: string;
  /** The rules as the caller gave them: `[{ destinations = [{ region, registry_id }], ... }]`. */
  rules: Value;
}

export interface ModuleCall {
  /** Where the `module` block stands: the origin of everything the module itself writes. */
  origin: Origin;
}

/** A registry module ECR Guard knows without downloading it. */
export interface RegistryModule {
  /** The module's registry address, `NAMESPACE/NAME/PROVIDER`. */
  address: string;
  /** The module version (and source file) this model follows. */
  version: string;
  /**
   * The policies a call creates. `inputs` maps argument names to their values; a missing argument takes the
   * module's default. Where the real module would create no policy, there is none here.
   */
  policies(inputs: ReadonlyMap<string, Value>, call: ModuleCall): ModulePolicy[];
  /** The replication configurations a call creates, for modules that manage the registry's. */
  replications?(inputs: ReadonlyMap<string, Value>, call: ModuleCall): ModuleReplication[];
}
