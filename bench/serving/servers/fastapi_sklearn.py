"""The usual Python peer of the serving benchmark: FastAPI + uvicorn serving a scikit-learn
TF-IDF + LogisticRegression pipeline (the pipeline of bench/training/peers/sklearn_tfidf_lr.py, imported from it).

    python fastapi_sklearn.py train TRAIN.jsonl TEST.jsonl MODEL.pkl OUT.json
        fits on TRAIN, pickles the pipeline, writes {"fit_seconds", "accuracy", "features", "versions"}
    python fastapi_sklearn.py serve MODEL.pkl PORT
        one uvicorn worker (uvloop, httptools, access log off) on 127.0.0.1:PORT

POST /v1/models/{name}/predict {"texts": [...]} -> {"model", "version", "predictions": [{"label", "probabilities"}]}.
The endpoint is `async def`: the short CPU-bound predict runs on the event loop, without the
thread-pool hop a plain `def` endpoint takes.
"""

import json
import os
import pickle
import sys
import time

# The training benchmark's peer defines the pipeline (settings and JSON Lines reader) once.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "training", "peers"))
from sklearn_tfidf_lr import CLASSIFIER, VECTORIZER, read  # noqa: E402


def train(train_path, test_path, model_path, out_path):
    import numpy
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    train_texts, train_labels = read(train_path)
    test_texts, test_labels = read(test_path)
    model = make_pipeline(TfidfVectorizer(**VECTORIZER), LogisticRegression(**CLASSIFIER))
    started = time.perf_counter()
    model.fit(train_texts, train_labels)
    fit_seconds = time.perf_counter() - started
    accuracy = float(numpy.mean(model.predict(test_texts) == numpy.array(test_labels)))
    with open(model_path, "wb") as out:
        pickle.dump(model, out)
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(
            {
                "fit_seconds": fit_seconds,
                "accuracy": accuracy,
                "features": len(model[0].vocabulary_),
                "versions": {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__},
            },
            out,
        )


def serve(model_path, port):
    import fastapi
    import uvicorn
    from pydantic import BaseModel

    with open(model_path, "rb") as model_file:
        model = pickle.load(model_file)
    classes = [str(label) for label in model.classes_]
    app = fastapi.FastAPI()

    class PredictRequest(BaseModel):
        texts: list[str]

    @app.post("/v1/models/{name}/predict")
    async def predict(name: str, request: PredictRequest):
        if not request.texts:
            raise fastapi.HTTPException(status_code=400, detail="texts must be a non-empty array")
        probabilities = model.predict_proba(request.texts)
        predictions = []
        for row in probabilities:
            best = int(row.argmax())
            predictions.append(
                {"label": classes[best], "probabilities": {label: float(p) for label, p in zip(classes, row)}}
            )
        return {"model": name, "version": 1, "predictions": predictions}

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(port),
        workers=1,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(*sys.argv[2:6])
    elif sys.argv[1] == "serve":
        serve(*sys.argv[2:4])
    else:
        raise SystemExit(__doc__)
