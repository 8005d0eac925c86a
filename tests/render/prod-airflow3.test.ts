import { runStackVariant } from "../harness";
import { checkCase, stackCase } from "./cases";

checkCase("prod with Airflow 3.1.7 (S3 DAGs)", () =>
  stackCase(
    runStackVariant("prod", (config) => {
      const airflow = config["forja:airflow"] as Record<string, unknown>;
      airflow.version = "3.1.7";
      delete airflow.image;
    }),
  ),
);
