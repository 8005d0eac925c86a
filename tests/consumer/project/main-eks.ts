import { eksStack } from "./eks";
import { report } from "./report";

void report(eksStack);
