"""scikit-learn peer of the featurize benchmark: TfidfVectorizer tokenising and transforming texts.

    python sklearn_vectorize.py INPUT.json OUT.json

INPUT.json: {"texts": [...], "rounds": 5}. Fits TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
on the texts, then times, round after round, tokenising every text as the vectorizer does
(its preprocessor, lower-casing, then its token pattern) and `transform` of all texts (analyse,
count uni- and bigrams against the fitted vocabulary, tf-idf, l2 norm). Writes per-round CPU
(process_time) and wall (perf_counter) seconds, the number of features and the versions.
"""

import json
import sys
import time

import numpy
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

VECTORIZER = {"ngram_range": (1, 2), "sublinear_tf": True}


def timed(work):
    started, started_cpu = time.perf_counter(), time.process_time()
    work()
    return {"cpu_seconds": time.process_time() - started_cpu, "wall_seconds": time.perf_counter() - started}


def main(input_path, out_path):
    with open(input_path, encoding="utf-8") as source:
        given = json.load(source)
    texts, rounds = given["texts"], given["rounds"]
    vectorizer = TfidfVectorizer(**VECTORIZER)
    fit = timed(lambda: vectorizer.fit(texts))
    preprocess, tokenize = vectorizer.build_preprocessor(), vectorizer.build_tokenizer()

    def tokenise():
        for text in texts:
            tokenize(preprocess(text))

    def featurise():
        vectorizer.transform(texts)

    tokenise()
    featurise()
    times = {"tokenise": [], "featurise": []}
    for _ in range(rounds):
        times["tokenise"].append(timed(tokenise))
        times["featurise"].append(timed(featurise))
    result = {
        "fit": fit,
        "rounds": times,
        "features": len(vectorizer.vocabulary_),
        "settings": {key: str(value) for key, value in VECTORIZER.items()},
        "versions": {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__},
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
