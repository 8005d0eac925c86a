/**
 * Seed 000's GenAI example DAG, fixed: `schedule=` (Airflow 3 removed
 * `schedule_interval`; `schedule` works from 2.4), imports that resolve on
 * Airflow 2 and 3, the provider, model, region and guardrail from the
 * environment (GenAiAccess's contract, or the seed's BEDROCK_MODEL_ID /
 * AWS_DEFAULT_REGION), Bedrock reached through the pod's role with the
 * guardrail the role enforces, and Ollama or a gateway over HTTP.
 */
export const GENAI_EXAMPLE_DAG = `"""Ask the platform's model a question once a day (seed 000's GenAI example).

Runs on Airflow 2.4+ and 3. Everything comes from the environment (Forja's
GenAI env contract): GENAI_PROVIDER (bedrock, ollama or openai), GENAI_MODEL_ID
or BEDROCK_MODEL_ID, AWS_REGION or AWS_DEFAULT_REGION, GENAI_GUARDRAIL_ID and
GENAI_GUARDRAIL_VERSION (the role refuses calls without them), GENAI_BASE_URL
and GENAI_API_KEY. Bedrock credentials come from the pod's IAM role. Nothing
secret lives in this file.
"""
import json
import os
import urllib.request
from datetime import datetime

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.python import PythonOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.python import PythonOperator

PROMPT = "Summarise in three sentences why idempotent data pipelines matter."
MAX_TOKENS = 512


def _setting(*names):
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise RuntimeError(f"set one of {', '.join(names)} in the Airflow environment")


def _bedrock(model_id):
    import boto3

    client = boto3.client("bedrock-runtime", region_name=_setting("AWS_REGION", "AWS_DEFAULT_REGION"))
    request = {
        "modelId": model_id,
        "messages": [{"role": "user", "content": [{"text": PROMPT}]}],
        "inferenceConfig": {"maxTokens": MAX_TOKENS, "temperature": 0.2},
    }
    guardrail = os.environ.get("GENAI_GUARDRAIL_ID")
    if guardrail:
        request["guardrailConfig"] = {"guardrailIdentifier": guardrail, "guardrailVersion": _setting("GENAI_GUARDRAIL_VERSION")}
    response = client.converse(**request)
    return response["output"]["message"]["content"][0]["text"]


def _post(url, body, key=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {key}"} if key else {})}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def invoke_model(**_context):
    provider = os.environ.get("GENAI_PROVIDER") or "bedrock"
    model_id = _setting("GENAI_MODEL_ID", "BEDROCK_MODEL_ID")
    if provider == "bedrock":
        return _bedrock(model_id)
    base = _setting("GENAI_BASE_URL").rstrip("/")
    messages = [{"role": "user", "content": PROMPT}]
    if provider == "ollama":
        answer = _post(f"{base}/api/chat", {"model": model_id, "messages": messages, "stream": False, "options": {"num_predict": MAX_TOKENS}})
        return answer["message"]["content"]
    if provider == "openai":
        base = base if base.endswith("/v1") else f"{base}/v1"
        answer = _post(f"{base}/chat/completions", {"model": model_id, "messages": messages, "max_tokens": MAX_TOKENS}, os.environ.get("GENAI_API_KEY"))
        return answer["choices"][0]["message"]["content"]
    raise RuntimeError(f"GENAI_PROVIDER={provider!r}: expected bedrock, ollama or openai")


with DAG(
    dag_id="genai_bedrock_example",
    start_date=datetime(2025, 1, 1),
    schedule="@daily",
    catchup=False,
    tags=["genai", "bedrock"],
) as dag:
    PythonOperator(task_id="invoke_model", python_callable=invoke_model)
`;
