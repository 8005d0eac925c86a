/**
 * The components Forja's Pulumi package serves to Python, Go, C#, Java and
 * YAML programs: exactly the ComponentResource classes of the library.
 *
 * The schema analyzer meets them in the order of these imports. Components
 * that take the cluster capabilities come before the clusters that output
 * them: a type shared by an input and an output is defined once, by whichever
 * comes first, and only an input keeps the plain/Input split of its fields.
 */
import { WebService } from "../web-service/web-service";
import { Ollama } from "../ollama/ollama";
import { OllamaContainerGroup } from "../ollama-aci/ollama-container-group";
import { CosmosMongo } from "../cosmos-mongo/cosmos-mongo";
import { WorkloadRole } from "../aws/workload-role";
import { ImageMirror } from "../image-mirror/image-mirror";
import { GenAiAccess } from "../genai/genai-access";
import { LlmGateway } from "../llm-gateway/llm-gateway";
import { MilvusCluster } from "../milvus/milvus-cluster";
import { Postgres } from "../postgres/postgres";
import { Redis } from "../redis/redis";
import { Airflow } from "../airflow/airflow";
import { AirflowOnEks } from "../airflow-eks/airflow-on-eks";
import { K3sCluster } from "../platform/k3s/k3s-cluster";
import { EksCluster } from "../platform/eks/eks-cluster";
import { AciEnvironment } from "../platform/aci/aci-environment";

export { WebService, Ollama, OllamaContainerGroup, CosmosMongo, WorkloadRole, ImageMirror, GenAiAccess, LlmGateway, MilvusCluster, Postgres, Redis, Airflow, AirflowOnEks, K3sCluster, EksCluster, AciEnvironment };

export const COMPONENTS = [WebService, Ollama, OllamaContainerGroup, CosmosMongo, WorkloadRole, ImageMirror, GenAiAccess, LlmGateway, MilvusCluster, Postgres, Redis, Airflow, AirflowOnEks, K3sCluster, EksCluster, AciEnvironment];
