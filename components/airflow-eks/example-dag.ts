/**
 * Seed 000's GenAI example DAG, fixed: `schedule=` (Airflow 3 removed
 * `schedule_interval`; `schedule` works from 2.4), imports that resolve on
 * Airflow 2 and 3, the model and region from the environment (GenAiAccess's
 * contract, or the seed's BEDROCK_MODEL_ID / AWS_DEFAULT_REGION), and
 * Bedrock reached through the pod's role: no keys anywhere.
 */
export const GENAI_EXAMPLE_DAG = `"""Ask a Bedrock model a question once a day (seed 000's GenAI example).

Runs on Airflow 2.4+ and 3. The model id and region come from the environment
(GENAI_MODEL_ID or BEDROCK_MODEL_ID, AWS_REGION or AWS_DEFAULT_REGION); the
credentials come from the pod's IAM role. Nothing secret lives in this file.
"""
import os
from datetime import datetime

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.python import PythonOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.python import PythonOperator

PROMPT = "Summarise in three sentences why idempotent data pipelines matter."


def _setting(*names):
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise RuntimeError(f"set one of {', '.join(names)} in the Airflow environment")


def invoke_model(**_context):
    import boto3

    model_id = _setting("GENAI_MODEL_ID", "BEDROCK_MODEL_ID")
    region = _setting("AWS_REGION", "AWS_DEFAULT_REGION")
    client = boto3.client("bedrock-runtime", region_name=region)
    response = client.converse(
        modelId=model_id,
        messages=[{"role": "user", "content": [{"text": PROMPT}]}],
        inferenceConfig={"maxTokens": 512, "temperature": 0.2},
    )
    return response["output"]["message"]["content"][0]["text"]


with DAG(
    dag_id="genai_bedrock_example",
    start_date=datetime(2025, 1, 1),
    schedule="@daily",
    catchup=False,
    tags=["genai", "bedrock"],
) as dag:
    PythonOperator(task_id="invoke_model", python_callable=invoke_model)
`;
