/** The chart tier for Airflow with git-sync DAGs on K3s, 2.10 and 3. */
import { airflowCase, noneUnread, unreadKeys } from "./cases";
import type { Case } from "./cases";

const gitSync = { kind: "git-sync", gitRepository: "https://github.com/acme/dags.git", gitSubPath: "dags", syncIntervalSeconds: 30 } as const;

describe.each(["2.10.5", "3.1.7"])("Airflow %s", (airflowVersion) => {
  let loaded: Case;
  beforeAll(async () => {
    loaded = await airflowCase({ airflowVersion, dags: gitSync });
  }, 600_000);

  it("renders with no problem", () => {
    expect(loaded.problems).toEqual([]);
  });

  it("reads every values key Forja sets", () => {
    expect(unreadKeys(loaded)).toEqual(noneUnread(loaded));
  });
});
