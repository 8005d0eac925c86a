import { datalk } from "./program.js";

export const { registryServer, mongoSecretUri, appUrl } = datalk();
