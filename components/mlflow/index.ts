export { Mlflow } from "./mlflow";
export type { MlflowArgs, MlflowArtifacts, MlflowDatabase } from "./args";
export { MLFLOW_DEFAULTS } from "./defaults";
