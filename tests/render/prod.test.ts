import { runStack } from "../harness";
import { checkCase, stackCase } from "./cases";

checkCase("prod: Milvus production on S3 with Kafka, Airflow 2.10 with S3 DAGs, the ALB controller, the Cluster Autoscaler", () => stackCase(runStack("prod")));
