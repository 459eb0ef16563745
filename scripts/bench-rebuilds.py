#!/usr/bin/env python3
"""`make bench`, rebuilds: times Portail rebuilding its own output with no change, after one
CSV cell changed (in each kind of dataset of the workload), and after one cell changed in an
output folder put back as a CI job restores it from its cache (another folder for the build),
and prints them beside the full build and the anchors that ../shared/bench/run-anchors
measured in the same invocation (its results JSON), with the ratios the performance issue sets
as targets.

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

    # One cell of a data file, on a copy so that the workload stays as generated: one number
    # more each run, in the first row.
    class OneCell:
        def __init__(self, dataset, column, text=False):
            self.path = os.path.join(content, "datasets", dataset, dataset + ".csv")
            with open(self.path, encoding="utf-8") as handle:
                self.original = handle.read()
            if os.stat(self.path).st_nlink > 1:  # hard-linked to the workload: edit a copy
                os.unlink(self.path)
                self.restore()
            self.lines = self.original.split("\n")
            header = next(csv.reader([self.lines[0]], delimiter=";"))
            self.row = next(csv.reader([self.lines[1]], delimiter=";"))
            self.column = header.index(column)
            self.text = text
            self.count = 0

        def change(self):
            self.count += 1
            if self.text:  # a text cell: a number appended
                self.row[self.column] = self.row[self.column].split(" #")[0] + " #%d" % self.count
            else:
                self.row[self.column] = str(int(float(self.row[self.column])) + 1)
            out = io.StringIO()
            csv.writer(out, delimiter=";", lineterminator="").writerow(self.row)
            self.lines[1] = out.getvalue()
            with open(self.path, "w", encoding="utf-8") as handle:
                handle.write("\n".join(self.lines))

        def restore(self):
            with open(self.path, "w", encoding="utf-8") as handle:
                handle.write(self.original)

    # The films have no record pages: the one-cell rebuild, as measured since the
    # first bench. Then a cell of each other kind of dataset: an event's (the agenda's pages
    # and calendar files of that event and its place are rendered, the others kept), a
    # cinema's (its record page, widget and calendar, its events' pages), a school's (60,000
    # rows exported again, no page).
    cells = [("films.csv", OneCell("films", "duree_min")), ("events.csv", OneCell("events", "tarif", text=True)),
             ("cinemas.csv", OneCell("cinemas", "fauteuils")), ("schools.csv", OneCell("schools", "eleves"))]
    timed_cells = []
    for name, cell in cells:
        timed_cells.append((name, median_run(build, a.runs, before=cell.change)))
    one_cell = timed_cells[0][1]
    films = cells[0][1]

    # The same, in a folder that is not the one the cache was saved for (moved away and back:
    # another last change, which is what the build sees of a folder a CI job restored with its
    # cache; the restore's copy is the CI's work, not timed). The build recognises the folder by
    # its stamp and keeps what it can, without the no-change exit.
    def restore_and_change_one_cell():
        films.change()
        aside = a.out + ".restoring"
        os.rename(a.out, aside)
        os.rename(aside, a.out)

    restored = median_run(build, a.runs, before=restore_and_change_one_cell)
    for _, cell in cells:
        cell.restore()

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
    for name, run in timed_cells:
        print(f"| one-cell rebuild ({name}) | {run[0]:.2f} | {run[1]:.2f} | {run[2] / 1024:,.0f} | | |")
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
    for name, run in timed_cells[1:]:
        print(f"one-cell rebuild ({name}) / full build: {run[0] / wall:.2f}")
    print(f"one-cell rebuild of a restored output / full build (no target): {restored[0] / wall:.2f}")
    summary = os.path.join(os.path.dirname(a.results), f"S{scale}-portail-rebuilds.json")
    with open(summary, "w", encoding="utf-8") as handle:
        json.dump({"scale": scale, "full": full, "no_change": no_change, "one_cell": one_cell,
                   "one_cell_by_file": dict(timed_cells), "one_cell_restored": restored, "ratios": dict(targets)},
                  handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
