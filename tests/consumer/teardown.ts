import { rmSync } from "node:fs";
import { WORK } from "./workspace";

/** The consumer projects hold a gigabyte of SDKs: keep them only when asked (FORJA_KEEP_PACKAGE_WORK=1). */
export default function teardown(): void {
  if (process.env.FORJA_KEEP_PACKAGE_WORK !== "1") rmSync(WORK, { recursive: true, force: true });
}
