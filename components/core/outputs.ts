import type * as pulumi from "@pulumi/pulumi";

/** What an Output holds, and whether a preview knows it. */
export interface OutputState<T> {
  known: boolean;
  secret: boolean;
  value: T;
}

/**
 * An Output's state, read the way the SDK's own serializer reads it: `apply`
 * never runs on an unknown, so this is the only way to act on one (the
 * plugin waits for passed outputs; Airflow's checksum stands in for one).
 */
export async function settle<T>(output: pulumi.Output<T>): Promise<OutputState<T>> {
  const internal = output as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(): Promise<T> };
  return { known: await internal.isKnown, secret: await internal.isSecret, value: await internal.promise() };
}
