/** The chart tier for dev: Milvus development on MinIO, Airflow 3 on K3s. */
import { runStack } from "../harness";
import { noneUnread, stackCase, unreadKeys } from "./cases";
import type { Case } from "./cases";

let loaded: Case;
beforeAll(async () => {
  loaded = await stackCase(runStack("dev"));
}, 600_000);

it("renders every chart with no problem", () => {
  expect(loaded.problems).toEqual([]);
});

it("reads every values key Forja sets", () => {
  expect(unreadKeys(loaded)).toEqual(noneUnread(loaded));
});
