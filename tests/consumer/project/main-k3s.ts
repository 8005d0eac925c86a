import { k3sStack } from "./k3s";
import { report } from "./report";

void report(k3sStack);
