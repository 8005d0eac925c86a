"""datalk-api: answers questions with the Ollama next to it and keeps each exchange in MongoDB.

The container group sets OLLAMA_BASE_URL (Ollama on localhost) and MONGO_URI (a
secure value: the connection string of a user limited to the datalk database).
"""
import os
from datetime import datetime, timezone

import httpx
from fastapi import FastAPI
from pydantic import BaseModel
from pymongo import MongoClient

OLLAMA_BASE_URL = os.environ.get("OLLAMA_BASE_URL", "http://localhost:11434")
OLLAMA_MODEL = os.environ.get("OLLAMA_MODEL", "llama3.2:1b")

app = FastAPI(title="datalk-api")
# MongoClient connects lazily: the app starts, and answers /healthz, before Cosmos DB is reachable.
conversations = MongoClient(os.environ["MONGO_URI"])[os.environ.get("MONGO_DATABASE", "datalk")]["conversations"]


class Question(BaseModel):
    user_id: str
    question: str


@app.get("/healthz")
def healthz() -> dict[str, str]:
    """The probe: the process serves HTTP (Ollama may still be pulling its model)."""
    return {"status": "ok"}


@app.post("/ask")
def ask(body: Question) -> dict[str, str]:
    reply = httpx.post(
        f"{OLLAMA_BASE_URL}/api/generate",
        json={"model": OLLAMA_MODEL, "prompt": body.question, "stream": False},
        timeout=120,
    )
    reply.raise_for_status()
    answer = reply.json()["response"]
    conversations.insert_one(
        {"userId": body.user_id, "question": body.question, "answer": answer, "at": datetime.now(timezone.utc)}
    )
    return {"answer": answer}
