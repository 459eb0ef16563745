#!/usr/bin/env python3
"""Checks the XLSX and ODS exports of a built portal against their CSV twins.

For every datasets/<id>/<id>.xlsx: openpyxl opens it, the first sheet's header row holds the
field titles of datasets/<id>/schema.json (the CSV holds the field names), and it has as many
data rows as the CSV. When LibreOffice is installed (Debian's libreoffice-calc), every XLSX and
ODS is also converted back to CSV with `soffice --headless`, and each cell is compared with
the CSV export by the field's type: codes keep their leading zeros, numbers are equal, dates
are the same days, booleans the same truth values.

Usage: check-spreadsheets.py OUTPUT_DIR     (exit 0 when everything holds, 1 otherwise)
"""
import csv
import datetime as dt
import glob
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl


def read_csv(path, delimiter=";"):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def same(ours, theirs, field):
    """Compares our CSV cell with LibreOffice's rendering of the spreadsheet cell."""
    kind = field["type"]
    if ours == "":
        return theirs == ""
    if kind in ("integer", "year"):
        return theirs != "" and float(theirs) == int(ours)
    if kind == "number":
        return theirs != "" and math.isclose(float(ours.replace(",", ".")), float(theirs), rel_tol=1e-12, abs_tol=1e-12)
    if kind == "boolean":
        return theirs.lower() == ours.lower()
    if kind == "date":
        return dt.datetime.strptime(theirs, "%m/%d/%Y").date() == dt.date.fromisoformat(ours)
    if kind == "datetime":
        local = dt.datetime.fromisoformat(ours.replace("Z", "+00:00")).replace(tzinfo=None)
        for pattern in ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"):
            try:
                shown = dt.datetime.strptime(theirs, pattern)
            except ValueError:
                continue
            return shown == (local if pattern.endswith("%S") else local.replace(second=0))
        return False
    if kind == "time":
        return theirs.split(":")[:2] == ours.split(":")[:2]
    # Text: spreadsheets keep it exactly, codes with leading zeros included. ODS keeps no
    # carriage return inside a cell.
    return theirs == ours or theirs == ours.replace("\r\n", "\n")


def convert(path, folder):
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false",
                    "--outdir", folder, path], check=True, capture_output=True, timeout=300)
    return os.path.join(folder, os.path.splitext(os.path.basename(path))[0] + ".csv")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    problems, checked, compared = [], 0, 0
    office = shutil.which("soffice")
    for schema_path in sorted(glob.glob(os.path.join(out, "datasets", "*", "schema.json"))):
        folder = os.path.dirname(schema_path)
        dataset = os.path.basename(folder)
        fields = json.load(open(schema_path, encoding="utf-8"))["fields"]
        ours = read_csv(os.path.join(folder, dataset + ".csv"))
        xlsx = os.path.join(folder, dataset + ".xlsx")
        wb = openpyxl.load_workbook(xlsx, read_only=True)
        rows = list(wb[wb.sheetnames[0]].iter_rows(values_only=True))
        header = [c for c in rows[0] if c is not None]
        if header != [f["title"] for f in fields]:
            problems.append(f"{dataset}.xlsx: header {header[:5]}… is not the field titles")
        if [f["name"] for f in fields] != ours[0]:
            problems.append(f"{dataset}.csv: header is not the field names")
        if len(rows) - 1 != len(ours) - 1:
            problems.append(f"{dataset}.xlsx: {len(rows) - 1} data rows, the CSV has {len(ours) - 1}")
        checked += 1
        if not office:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            for ext in ("xlsx", "ods"):
                theirs = read_csv(convert(os.path.join(folder, f"{dataset}.{ext}"), tmp))
                if len(theirs) != len(ours):
                    problems.append(f"{dataset}.{ext}: LibreOffice reads {len(theirs) - 1} data rows, the CSV has {len(ours) - 1}")
                    continue
                for r in range(1, len(ours)):
                    for c, field in enumerate(fields):
                        a = ours[r][c]
                        b = theirs[r][c] if c < len(theirs[r]) else ""
                        if not same(a, b, field):
                            problems.append(f"{dataset}.{ext}: row {r}, {field['name']}: CSV {a!r}, spreadsheet {b!r}")
                compared += 1
    for p in problems[:50]:
        print("check-spreadsheets: " + p)
    note = f", {compared} converted by LibreOffice and compared cell by cell" if office else ", LibreOffice not installed: cell comparison skipped"
    print(f"check-spreadsheets: {checked} XLSX checked{note}, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
