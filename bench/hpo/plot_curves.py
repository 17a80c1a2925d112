"""Draws the HPO benchmark's best-so-far curves: reads the curves JSON written by bench/hpo
(corpus, system, trial, best = mean best-so-far validation macro-F1 over seeds) from argv[1] and
writes one SVG with a panel per corpus to argv[2]. Deterministic output (no date, fixed ids)."""
import json
import sys

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

matplotlib.rcParams["svg.hashsalt"] = "mlops-hpo-bench"
matplotlib.rcParams["svg.fonttype"] = "none"
STYLE = {
    "ours-tpe": ("#0072B2", "-", "ours TPE"),
    "optuna-tpe": ("#D55E00", "-", "Optuna TPE"),
    "ours-random": ("#56B4E9", "--", "ours random"),
    "optuna-random": ("#E69F00", "--", "Optuna random"),
}


def main():
    curves = json.load(open(sys.argv[1]))
    corpora = list(dict.fromkeys(c["corpus"] for c in curves))
    figure, axes = plt.subplots(1, len(corpora), figsize=(4.6 * len(corpora), 3.4), squeeze=False)
    for axis, corpus in zip(axes[0], corpora):
        for system, (color, dash, label) in STYLE.items():
            points = sorted((c["trial"], c["best"]) for c in curves if c["corpus"] == corpus and c["system"] == system)
            axis.plot([p[0] for p in points], [p[1] for p in points], color=color, linestyle=dash, linewidth=1.8, label=label)
        axis.axvline(10.5, color="#999999", linewidth=0.8)
        axis.text(
            10.2, 0.04, "TPE startup ends", transform=axis.get_xaxis_transform(),
            rotation=90, ha="right", va="bottom", fontsize=7, color="#666666",
        )
        axis.set_title(corpus, fontsize=10)
        axis.set_xlabel("trials")
        axis.grid(alpha=0.3)
    axes[0][0].set_ylabel("best validation macro-F1 so far\n(mean over seeds)")
    axes[0][-1].legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(sys.argv[2], metadata={"Date": None})


if __name__ == "__main__":
    main()
