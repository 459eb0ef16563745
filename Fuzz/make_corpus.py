#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from the repository's fixtures.

    Fuzz/make_corpus.py OUT_DIR

writes OUT_DIR/FuzzCSV, OUT_DIR/FuzzYAML and OUT_DIR/FuzzFrontMatter (emptied first), one file
per seed, named by its SHA-1. Sources:
  - Tests/PortailKitTests/Fixtures/ (Sites/, Invalid/, and Fuzz/: the regression inputs of
    crashes found earlier, replayed as seeds on every run);
  - Content/ (the example portal; its CSV files are large: their first 50 lines);
  - Tests/PortailCLITests/Fixtures/ (OpenAgenda JSON exports: JSON is YAML flow syntax);
  - README.md and docs/*.md, as page bodies.
Deterministic: the same tree gives the same seeds.
"""
import hashlib
import pathlib
import random
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/PortailKitTests/Fixtures"
CLI_FIXTURES = ROOT / "Tests/PortailCLITests/Fixtures"
CONTENT = ROOT / "Content"
REGRESSIONS = FIXTURES / "Fuzz"

# The targets' -max_len (scripts/fuzz.sh): longer seeds are cut to it.
MAX_LEN = {"FuzzCSV": 64 * 1024, "FuzzYAML": 16 * 1024, "FuzzFrontMatter": 16 * 1024}
CSV_LINES = 50


def files(base, *suffixes):
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                  and REGRESSIONS not in p.parents)


def head(path, lines):
    data = path.read_bytes()
    offset = 0
    for _ in range(lines):
        end = data.find(b"\n", offset)
        if end < 0:
            return data
        offset = end + 1
    return data[:offset]


class Corpus:
    def __init__(self, out, name):
        self.dir = out / name
        self.max_len = MAX_LEN[name]
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.count = 0

    def add(self, data):
        data = data[: self.max_len]
        path = self.dir / hashlib.sha1(data).hexdigest()
        if not path.exists():
            path.write_bytes(data)
            self.count += 1


def csv_options(path):
    """Option bytes for a CSV seed (see Fuzz/CSV/FuzzCSV.swift): the defaults (encoding and
    delimiter detected, nothing required) and three variants drawn from the file's name."""
    rng = random.Random(str(path.relative_to(ROOT)))
    yield bytes([0, 0, 0, 1])
    for _ in range(3):
        yield bytes(rng.randrange(256) for _ in range(4))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])

    csv = Corpus(out, "FuzzCSV")
    for path in files(FIXTURES, ".csv") + files(CONTENT, ".csv"):
        body = head(path, CSV_LINES)
        for options in csv_options(path):
            csv.add(options + body)

    yaml = Corpus(out, "FuzzYAML")
    for path in files(FIXTURES, ".yaml", ".yml") + files(CONTENT, ".yaml", ".yml") + files(CLI_FIXTURES, ".json"):
        yaml.add(path.read_bytes())

    pages = Corpus(out, "FuzzFrontMatter")
    for path in files(FIXTURES, ".md") + files(CONTENT, ".md"):
        pages.add(path.read_bytes())
    # Front matter of every shape the YAML seeds have, over a short body; and longer bodies.
    for path in files(FIXTURES, ".yaml")[:40]:
        pages.add(b"---\n" + path.read_bytes() + b"---\n# Titre\n\nTexte *court*.\n")
    for path in [ROOT / "README.md"] + files(ROOT / "docs", ".md"):
        pages.add(b"---\ntitle: Documentation\nmenu: 2\n---\n" + path.read_bytes())

    # Inputs of crashes found earlier (Tests/PortailKitTests/Fixtures/Fuzz/<target>/), whatever
    # their names: replayed first, so that `make fuzz` fails at once if one comes back.
    for corpus in (csv, yaml, pages):
        folder = REGRESSIONS / corpus.dir.name
        if folder.is_dir():
            for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "README.md"):
                corpus.add(path.read_bytes())

    for corpus in (csv, yaml, pages):
        print(f"{corpus.dir.name}: {corpus.count} seeds in {corpus.dir}")


if __name__ == "__main__":
    main()
