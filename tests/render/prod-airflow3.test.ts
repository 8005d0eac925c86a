/** The chart tier for prod with Airflow 3.1.7 (S3 DAGs). */
import { runStackVariant } from "../harness";
import { noneUnread, stackCase, unreadKeys } from "./cases";
import type { Case } from "./cases";

let loaded: Case;
beforeAll(async () => {
  loaded = await stackCase(
    runStackVariant("prod", (config) => {
      const airflow = config["forja:airflow"] as Record<string, unknown>;
      airflow.version = "3.1.7";
      delete airflow.image;
    }),
  );
}, 600_000);

it("renders every chart with no problem", () => {
  expect(loaded.problems).toEqual([]);
});

it("reads every values key Forja sets", () => {
  expect(unreadKeys(loaded)).toEqual(noneUnread(loaded));
});
