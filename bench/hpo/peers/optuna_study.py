"""Runs Optuna's TPESampler and RandomSampler (defaults) on the synthetic objectives of
bench/hpo/objectives.ts; reads {objectives, seeds, trials} from argv[1], writes the values of every
trial per (sampler, objective, seed) to argv[2]."""
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
DIMS5 = ["x0", "x1", "x2", "x3", "x4"]


def branin(trial):
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi**2)
    c = 5 / math.pi
    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10


def rosenbrock(trial):
    xs = [trial.suggest_float(name, -2, 2) for name in DIMS5]
    return sum(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(len(xs) - 1))


def styblinski_tang(trial):
    xs = [trial.suggest_float(name, -5, 5) for name in DIMS5]
    return sum((x**4 - 16 * x**2 + 5 * x) / 2 for x in xs) + 39.16617 * 5


def mixed(trial):
    kind = trial.suggest_categorical("kind", ["linear", "mlp", "bag"])
    lr = trial.suggest_float("lr", 1e-5, 1, log=True)
    width = trial.suggest_int("width", 4, 512, log=True) if kind == "mlp" else None
    dropout = trial.suggest_float("dropout", 0, 0.8, step=0.1)
    lr_term = (math.log10(lr) + 2.5) ** 2
    dropout_term = 2 * (dropout - 0.3) ** 2
    if kind == "mlp":
        return lr_term + (math.log2(width) - 7) ** 2 / 4 + dropout_term
    if kind == "bag":
        return lr_term + 0.5 + dropout_term
    return 1 + lr_term / 2 + dropout_term


OBJECTIVES = {
    "branin-2d": branin,
    "rosenbrock-5d": rosenbrock,
    "styblinski-tang-5d": styblinski_tang,
    "mixed-conditional": mixed,
}


def main():
    spec = json.load(open(sys.argv[1]))
    out = {"version": optuna.__version__, "runs": [], "seconds": {}}
    for sampler_name in ("tpe", "random"):
        started = time.process_time()
        for objective in spec["objectives"]:
            for seed in spec["seeds"]:
                sampler = (
                    optuna.samplers.TPESampler(seed=seed)
                    if sampler_name == "tpe"
                    else optuna.samplers.RandomSampler(seed=seed)
                )
                study = optuna.create_study(direction="minimize", sampler=sampler)
                study.optimize(OBJECTIVES[objective], n_trials=spec["trials"])
                values = [t.value for t in sorted(study.trials, key=lambda t: t.number)]
                out["runs"].append(
                    {"sampler": sampler_name, "objective": objective, "seed": seed, "values": values}
                )
        out["seconds"][sampler_name] = time.process_time() - started
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
