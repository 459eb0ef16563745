#!/usr/bin/env python3
"""Turns the shared benchmark workload (../shared/bench/gen_workload.py) into a Portail
Content/ folder, for `make bench`: the same data that Hugo and Jekyll render.

    bench-workload.py WORKLOAD_DIR CONTENT_DIR

Writes site.yaml and one dataset folder per workload dataset: its CSV file as it is (a hard
link when the two folders are on one file system, else a copy) and a dataset.yaml made from
the workload's neutral metadata (title, description, keywords, fields and types). On top of
that metadata, as a publisher would write it:

- cinemas: `key: id` and a page per cinema (`records`), a place (`place`) for the agenda,
  coordinates (`geo`), facets, the `labels` list split on ';';
- events: the agenda of the cinemas (`agenda`: title, start date and time, venue, type, price),
  so that each cinema's page lists its events, as the Hugo and Jekyll sites do;
- schools: coordinates; films: `key: id` and the countries list; barometer: a chart.

The events' ids are upper case (EV0000001); a page address takes lower-case letters, digits
and hyphens only (docs/content-format.md), so the events' file is written with its first
column in lower case, the one change made to the data (as Hugo's converter writes content
files from it).

The workload's dates are in 2025; the build date is fixed by `make bench` (--build-date), so
that every run renders the same pages.
"""

import json
import os
import shutil
import sys

TYPES = {"string", "integer", "number", "boolean", "date", "time", "datetime", "year"}


def read_yaml(path):
    """The workload's YAML is flat and regular (written by gen_workload.py with json.dumps
    strings): key: value, lists of "- value" and of "- name: …" maps. No PyYAML needed."""
    meta, key, item = {}, None, None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if not line.startswith(" "):
                key, _, value = line.partition(":")
                value = value.strip()
                meta[key] = parse(value) if value else []
                item = None
            elif line.strip().startswith("- "):
                body = line.strip()[2:]
                if ":" in body and not body.startswith('"'):
                    name, _, value = body.partition(":")
                    item = {name.strip(): parse(value.strip())}
                    meta[key].append(item)
                else:
                    meta[key].append(parse(body))
            elif item is not None:
                name, _, value = line.strip().partition(":")
                item[name.strip()] = parse(value.strip())
    return meta


def parse(value):
    if value.startswith('"'):
        return json.loads(value)
    return value


def quote(text):
    return json.dumps(text, ensure_ascii=False)


# What a publisher adds to each dataset's metadata, as YAML lines.
EXTRA = {
    "cinemas": """key: id
records:
  title: nom
place:
  name: nom
  address: adresse
  postal_code: code_postal
  city: commune
  region: region
geo: {latitude: latitude, longitude: longitude}
facets: [region, exploitant, art_et_essai]
""",
    "events": """key: id
agenda:
  title: titre
  start: date
  start_time: heure
  venue: cinema_id
  venues: cinemas
  type: type
  price: tarif
  description: note
""",
    "schools": """geo: {latitude: latitude, longitude: longitude}
facets: [type, secteur, dispositif]
""",
    "films": """key: id
facets: [genre, classification]
""",
    "barometer": """chart:
  type: line
  x: semaine
  y: [entrees]
  title: Entrées de la semaine
""",
}
SEPARATORS = {("cinemas", "labels"): ";", ("films", "pays"): ";"}


def dataset_yaml(dataset_id, meta):
    lines = [
        "title: " + quote(meta["title"]),
        "description: " + quote(meta["description"] + "\n\n" + meta["producer"] + "."),
        "keywords: [" + ", ".join(quote(k) for k in meta.get("keywords", [])) + "]",
        "themes: [Culture]",
        "licence: etalab-2.0",
        "modified: " + meta["updated"],
        "source:",
        "  path: " + quote(meta["file"]),
        "  delimiter: " + quote(meta.get("separator", ";")),
        "  encoding: utf-8",
    ]
    text = "\n".join(lines) + "\n" + EXTRA.get(dataset_id, "") + "fields:\n"
    for field in meta["fields"]:
        kind = field.get("type", "string")
        text += "  - name: %s\n    title: %s\n    type: %s\n" % (
            field["name"], quote(field.get("description", field["name"])), kind if kind in TYPES else "string")
        separator = SEPARATORS.get((dataset_id, field["name"]))
        if separator:
            text += "    separator: %s\n" % quote(separator)
    return text


SITE = """title: {title}
description: Le contenu synthétique du banc d'essai (../shared/bench), rendu aussi par Hugo et Jekyll.
base_url: https://bench.example/
language: fr
publisher:
  name: Banc d'essai Portail
  email: bench@example.org
licence: etalab-2.0
timezone: Europe/Paris
"""


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def lower_first_column(source, target):
    with open(source, encoding="utf-8", newline="") as reading, open(target, "w", encoding="utf-8", newline="") as writing:
        for line in reading:
            first, sep, rest = line.partition(";")
            writing.write(first.lower() + sep + rest)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    workload, content = sys.argv[1:]
    portal = read_yaml(os.path.join(workload, "portal.yaml"))
    if os.path.exists(content):
        shutil.rmtree(content)
    os.makedirs(os.path.join(content, "datasets"))
    with open(os.path.join(content, "site.yaml"), "w", encoding="utf-8") as handle:
        handle.write(SITE.format(title=quote(portal["title"])))
    for dataset_id in portal["datasets"]:
        meta = read_yaml(os.path.join(workload, dataset_id + ".yaml"))
        folder = os.path.join(content, "datasets", dataset_id)
        os.makedirs(folder)
        source, target = os.path.join(workload, meta["file"]), os.path.join(folder, meta["file"])
        if dataset_id == "events":
            lower_first_column(source, target)
        else:
            link_or_copy(source, target)
        with open(os.path.join(folder, "dataset.yaml"), "w", encoding="utf-8") as handle:
            handle.write(dataset_yaml(dataset_id, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
