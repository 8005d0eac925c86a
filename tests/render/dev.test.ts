import { runStack } from "../harness";
import { checkCase, stackCase } from "./cases";

checkCase("dev: Milvus development on MinIO, Airflow 3 on K3s", () => stackCase(runStack("dev")));
