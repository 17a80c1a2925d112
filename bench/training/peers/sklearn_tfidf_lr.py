"""scikit-learn peers of the training benchmark: TF-IDF (word 1-2 grams) + logistic regression, or + LinearSVC.

    python sklearn_tfidf_lr.py TRAIN.jsonl TEST.jsonl OUT.json [lr|svc]

Reads JSON Lines {"id", "text", "label"}, fits on TRAIN, predicts TEST and writes
{"predictions": [...], "fit_seconds", "fit_cpu_seconds", "predict_seconds", "features", "settings", "versions"}.
The same settings for every dataset; nothing is tuned.
"""

import json
import sys
import time

import numpy
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

VECTORIZER = {"sublinear_tf": True, "ngram_range": (1, 2), "min_df": 2}
CLASSIFIER = {"C": 1.0, "max_iter": 1000, "solver": "lbfgs", "random_state": 0}
# LinearSVC's defaults written out: squared hinge, one-vs-rest, liblinear (dual chosen automatically).
SVC = {"C": 1.0, "loss": "squared_hinge", "max_iter": 1000, "dual": "auto", "random_state": 0}
CLASSIFIERS = {"lr": (LogisticRegression, CLASSIFIER), "svc": (LinearSVC, SVC)}


def read(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                example = json.loads(line)
                texts.append(example["text"])
                labels.append(example["label"])
    return texts, labels


def main(train_path, test_path, out_path, classifier_name="lr"):
    train_texts, train_labels = read(train_path)
    test_texts, _ = read(test_path)
    classifier_class, classifier_settings = CLASSIFIERS[classifier_name]
    model = make_pipeline(TfidfVectorizer(**VECTORIZER), classifier_class(**classifier_settings))
    started, started_cpu = time.perf_counter(), time.process_time()
    model.fit(train_texts, train_labels)
    fit_seconds, fit_cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
    started = time.perf_counter()
    predictions = model.predict(test_texts)
    predict_seconds = time.perf_counter() - started
    classifier = model[-1]
    result = {
        "predictions": [str(label) for label in predictions],
        "fit_seconds": fit_seconds,
        "fit_cpu_seconds": fit_cpu_seconds,
        "predict_seconds": predict_seconds,
        "features": len(model[0].vocabulary_),
        "iterations": int(numpy.max(classifier.n_iter_)),
        "settings": {
            **{f"tfidf.{key}": str(value) for key, value in VECTORIZER.items()},
            **{f"{classifier_name}.{key}": value for key, value in classifier_settings.items()},
        },
        "versions": {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__},
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main(*sys.argv[1:5])
