export { AirflowOnEks } from "./airflow-on-eks";
export type { AirflowBucketNames } from "./airflow-on-eks";
export type { AirflowCacheArgs, AirflowOnEksArgs, AirflowRdsArgs } from "./args";
export { AirflowIngressScheme, AirflowPreset } from "../airflow/args";
export type { AirflowIngress } from "../airflow/args";
