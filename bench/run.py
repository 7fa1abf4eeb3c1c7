"""Run the benchmarks and print a table: `make bench` or `make bench ONLY=home_page`."""

import importlib
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, gunicorn, log, prepare  # noqa: E402

BENCHMARKS = [
    "home_page",
    "campaign_page",
    "wizard_step",
    "ranking",
    "mobile",
    "scaleout",
    "deadline",
    "webhook",
    "hub",
]
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results" / "latest.json"))


def main(only: list[str]) -> int:
    names = only or BENCHMARKS
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}")
        return 2
    results, goals = {}, {}
    with tempfile.TemporaryDirectory(prefix="yc-bench-") as var_dir:
        env = prepare(Path(var_dir))
        with gunicorn(env) as base:
            for name in names:
                module = importlib.import_module(f"bench.benchmarks.{name}")
                log(f"running {name}")
                goals.update(getattr(module, "GOALS", {}))
                try:
                    results.update(module.run({"base": base, "env": env}))
                except Exception:  # noqa: BLE001 — one broken benchmark must not lose the rest
                    log(f"{name} FAILED:\n{traceback.format_exc()}")
                    results[f"{name}_failed"] = 1
                    goals[f"{name}_failed"] = ("<=", 0)
                RESULTS.write_text(json.dumps(results, indent=2) + "\n")  # kept as it goes
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results, goals)
    return 0


def print_table(results: dict[str, float], goals: dict) -> None:
    print()
    print(f"{'figure':<30} {'value':>12}  goal")
    print(f"{'-' * 30} {'-' * 12}  {'-' * 12}")
    for key, value in results.items():
        goal = goals.get(key)
        note = ""
        if goal:
            op, target = goal
            met = value >= target if op == ">=" else value <= target
            note = f"{op} {target}  {'met' if met else 'NOT MET'}"
        print(f"{key:<30} {value:>12}  {note}")
    print(f"\nwritten to {RESULTS}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
