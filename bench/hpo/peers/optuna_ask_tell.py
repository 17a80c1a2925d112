"""Optuna's TPESampler or RandomSampler (defaults) driven over JSON lines, the objective evaluated by the caller.

stdin, one JSON object a line:
  {"op": "study", "sampler": "tpe"|"random", "seed": 1, "direction": "maximize", "space": [...]}  -> {"ok": true}
  {"op": "ask"}                                         -> {"number": 0, "params": {...}, "seconds": s}
  {"op": "tell", "number": 0, "value": 0.61}            -> {"ok": true, "seconds": s}
The space is the suite's search space (bench/hpo: name, distribution {kind, low, high, log, step,
choices}, optional when {parameter, in}); a conditional parameter is suggested only when its
condition holds, as a define-by-run objective would. `seconds` is the CPU time Optuna spent.
"""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def suggest(trial, parameter):
    d = parameter["distribution"]
    name = parameter["name"]
    if d["kind"] == "categorical":
        return trial.suggest_categorical(name, d["choices"])
    if d["kind"] == "int":
        return trial.suggest_int(name, d["low"], d["high"], step=d.get("step", 1), log=d.get("log", False))
    return trial.suggest_float(name, d["low"], d["high"], step=d.get("step"), log=d.get("log", False))


def main():
    study, space, trials = None, [], {}
    for line in sys.stdin:
        message = json.loads(line)
        op = message["op"]
        started = time.process_time()
        if op == "study":
            kind = optuna.samplers.TPESampler if message["sampler"] == "tpe" else optuna.samplers.RandomSampler
            sampler = kind(seed=message["seed"])
            study = optuna.create_study(direction=message["direction"], sampler=sampler)
            space, trials = message["space"], {}
            answer = {"ok": True, "version": optuna.__version__}
        elif op == "ask":
            trial = study.ask()
            params = {}
            for parameter in space:
                when = parameter.get("when")
                if when is not None and params.get(when["parameter"]) not in when["in"]:
                    continue
                params[parameter["name"]] = suggest(trial, parameter)
            trials[trial.number] = trial
            answer = {"number": trial.number, "params": params}
        elif op == "tell":
            study.tell(trials.pop(message["number"]), message["value"])
            answer = {"ok": True}
        else:
            raise ValueError(f"unknown op {op}")
        answer["seconds"] = time.process_time() - started
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
