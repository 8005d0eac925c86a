export { ObjectStore } from "./object-store";
export { ObjectStoreBackend } from "./args";
export type { ObjectStoreArgs, ObjectStoreS3Args } from "./args";
export { OBJECT_STORE_DEFAULTS, OBJECT_STORE_KEYS } from "./defaults";
