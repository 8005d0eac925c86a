export { StatefulService } from "./stateful-service";
export type { StatefulServiceArgs, StatefulServiceCreatedWith, StatefulServiceVolume } from "./args";
export { STATEFUL_SERVICE_DEFAULTS } from "./defaults";
