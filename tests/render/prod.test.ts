/** The chart tier for prod: Milvus production on S3 with Kafka, Airflow 2.10 with S3 DAGs, the ALB controller, the Cluster Autoscaler. */
import { runStack } from "../harness";
import { noneUnread, stackCase, unreadKeys } from "./cases";
import type { Case } from "./cases";

let loaded: Case;
beforeAll(async () => {
  loaded = await stackCase(runStack("prod"));
}, 600_000);

it("renders every chart with no problem", () => {
  expect(loaded.problems).toEqual([]);
});

it("reads every values key Forja sets", () => {
  expect(unreadKeys(loaded)).toEqual(noneUnread(loaded));
});
