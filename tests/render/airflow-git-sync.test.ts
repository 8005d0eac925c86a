import { airflowCase, checkCase } from "./cases";

const gitSync = { kind: "git-sync", gitRepository: "https://github.com/acme/dags.git", gitSubPath: "dags", syncIntervalSeconds: 30 } as const;

checkCase("Airflow 2.10.5 with git-sync DAGs on K3s", () => airflowCase({ airflowVersion: "2.10.5", dags: gitSync }));
checkCase("Airflow 3.1.7 with git-sync DAGs on K3s", () => airflowCase({ airflowVersion: "3.1.7", dags: gitSync }));
