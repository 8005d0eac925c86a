/** Compile-time checks that a config section and a component's args agree. */

/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T;

/** `true` when the two key sets are equal; otherwise the keys that differ, so tsc names them. */
export type SameKeys<A extends PropertyKey, B extends PropertyKey> = [Exclude<A, B>] extends [never]
  ? [Exclude<B, A>] extends [never]
    ? true
    : { argumentsWithoutAConfigKey: Exclude<B, A> }
  : { configKeysThatAreNotArguments: Exclude<A, B> };

/** `true` when `Config` may be passed where `Args` is expected. */
export type Fits<Config, Args> = [Config] extends [Args] ? true : { configDoesNotFitArgs: Config };
