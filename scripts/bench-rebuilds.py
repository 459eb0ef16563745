#!/usr/bin/env python3
"""`make bench`, rebuilds: times Portail rebuilding its own output with no change, after one
CSV cell changed, and after one cell changed in an output folder put back as a CI job restores
it from its cache (another folder for the build), and prints them beside the full build and the
anchors that ../shared/bench/run-anchors measured in the same invocation (its results JSON),
with the ratios the performance issue sets as targets.

usage: bench-rebuilds.py --bin PORTAIL --data WORKLOAD --out OUTPUT --runs N --results JSON
"""

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import tempfile


def timed(argv):
    """(wall s, CPU s, peak RSS KiB) of one run, from GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + argv, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fields = {}
        for line in report.read().splitlines():
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    clock = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"])


def median_run(argv, runs, before=None):
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(timed(argv))
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def main():
    ap = argparse.ArgumentParser()
    for name in ("--bin", "--data", "--out", "--results"):
        ap.add_argument(name, required=True)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    content = os.path.join(os.path.dirname(a.data), "portail-content-" + os.path.basename(a.data), "Content")
    # The theme named as scripts/bench-portal.sh names it: a build given other names for its
    # folders runs again (they appear in its report), and would not time a no-change rebuild.
    theme = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Themes", "default")
    build = [a.bin, "build", "--quiet", "--content", content, "--theme", theme, "--output", a.out,
             "--build-date", "2025-06-30"]

    no_change = median_run(build, a.runs)

    # One cell of the films' file (films have no record pages): a film's duration, one minute
    # more each run, on a copy so that the workload stays as generated.
    films = os.path.join(content, "datasets", "films", "films.csv")
    with open(films, encoding="utf-8") as handle:
        original = handle.read()
    if os.stat(films).st_nlink > 1:  # hard-linked to the workload: edit a copy
        os.unlink(films)
        with open(films, "w", encoding="utf-8") as handle:
            handle.write(original)
    lines = original.split("\n")
    header = next(csv.reader([lines[0]], delimiter=";"))
    row = next(csv.reader([lines[1]], delimiter=";"))
    column = header.index("duree_min")
    state = {"minutes": int(row[column])}

    def change_one_cell():
        state["minutes"] += 1
        row[column] = str(state["minutes"])
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="").writerow(row)
        lines[1] = out.getvalue()
        with open(films, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))

    one_cell = median_run(build, a.runs, before=change_one_cell)

    # The same, in a folder that is not the one the cache was saved for (moved away and back:
    # another last change, which is what the build sees of a folder a CI job restored with its
    # cache; the restore's copy is the CI's work, not timed). The build recognises the folder by
    # its stamp and keeps what it can, without the no-change exit.
    def restore_and_change_one_cell():
        change_one_cell()
        aside = a.out + ".restoring"
        os.rename(a.out, aside)
        os.rename(aside, a.out)

    restored = median_run(build, a.runs, before=restore_and_change_one_cell)
    with open(films, "w", encoding="utf-8") as handle:
        handle.write(original)

    with open(a.results, encoding="utf-8") as handle:
        results = json.load(handle)
    rows = {r["tool"]: r for r in results["rows"]}
    full = rows["portail (from raw CSV)"]
    hugo = rows.get("hugo")
    floor = rows.get("I/O floor: cp -r portail output → disk")
    scale = full["scale"]
    print()
    print(f"Portail at S={scale}: rebuilds (median of {a.runs}), beside the full build and the anchors above")
    print("| step | wall s | CPU s | peak RSS MiB | files | MB |")
    print("|---|---|---|---|---|---|")
    print(f"| full build | {full['wall_median_s']:.2f} | {full['cpu_median_s']:.2f} | {full['rss_peak_kib'] / 1024:,.0f} "
          f"| {full['files']:,} | {full['bytes'] / 1e6:,.1f} |")
    print(f"| no-change rebuild | {no_change[0]:.2f} | {no_change[1]:.2f} | {no_change[2] / 1024:,.0f} | | |")
    print(f"| one-cell rebuild (films.csv) | {one_cell[0]:.2f} | {one_cell[1]:.2f} | {one_cell[2] / 1024:,.0f} | | |")
    print(f"| one-cell rebuild, output restored as by a CI cache | {restored[0]:.2f} | {restored[1]:.2f} "
          f"| {restored[2] / 1024:,.0f} | | |")
    print()
    wall = full["wall_median_s"]
    targets = []
    if hugo:
        targets.append(("Hugo/Portail (target >= 5)", hugo["wall_median_s"] / wall))
    if floor:
        targets.append(("Portail/floor (target <= 3)", wall / floor["wall_median_s"]))
    targets.append(("no-change rebuild / full build (target <= 0.05)", no_change[0] / wall))
    targets.append(("one-cell rebuild / full build (target <= 0.20)", one_cell[0] / wall))
    for name, value in targets:
        print(f"{name}: {value:.2f}")
    print(f"one-cell rebuild of a restored output / full build (no target): {restored[0] / wall:.2f}")
    summary = os.path.join(os.path.dirname(a.results), f"S{scale}-portail-rebuilds.json")
    with open(summary, "w", encoding="utf-8") as handle:
        json.dump({"scale": scale, "full": full, "no_change": no_change, "one_cell": one_cell,
                   "one_cell_restored": restored, "ratios": dict(targets)}, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
