export { Airflow } from "./airflow";
export { AirflowIngressScheme, AirflowPreset, DagSourceKind } from "./args";
export type { AirflowArgs, AirflowBroker, AirflowDags, AirflowDatabase, AirflowIngress, AirflowRemoteLogging } from "./args";
