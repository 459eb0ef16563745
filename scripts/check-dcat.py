#!/usr/bin/env python3
"""Checks the DCAT catalogue of a built portal the way a harvester reads it.

Loads OUTPUT/catalog.ttl with rdflib and checks that every public dataset has dct:identifier,
dct:title, dct:description, dcat:landingPage, dct:license, an EU Data Theme and
dct:accessRights, and at least one distribution with dcat:downloadURL; and that every
downloadable distribution's dcat:byteSize and SHA-256 checksum match the file on disk.

Usage: check-dcat.py OUTPUT_DIR        (exit 0 when everything holds, 1 otherwise)
"""
import hashlib
import os
import sys

import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF

SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
PUBLIC = rdflib.URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    g = rdflib.Graph()
    g.parse(os.path.join(out, "catalog.ttl"), format="turtle")
    catalog = next(g.subjects(RDF.type, DCAT.Catalog))
    base = str(next(g.objects(catalog, rdflib.URIRef("http://xmlns.com/foaf/0.1/homepage"))))
    problems, checked_files = [], 0
    datasets = sorted(g.subjects(RDF.type, DCAT.Dataset))
    for d in datasets:
        public = (d, DCTERMS.accessRights, PUBLIC) in g
        for prop in (DCTERMS.identifier, DCTERMS.title, DCTERMS.description, DCAT.landingPage, DCTERMS.license,
                     DCTERMS.accessRights):
            if g.value(d, prop) is None:
                problems.append(f"{d}: no {g.namespace_manager.normalizeUri(prop)}")
        if not any(str(t).startswith(EU_THEME) for t in g.objects(d, DCAT.theme)):
            problems.append(f"{d}: no EU Data Theme")
        downloads = [dist for dist in g.objects(d, DCAT.distribution) if g.value(dist, DCAT.downloadURL) is not None]
        if public and not downloads:
            problems.append(f"{d}: public, but no distribution with dcat:downloadURL")
        if not public and downloads:
            problems.append(f"{d}: restricted, but a distribution has a dcat:downloadURL")
        for dist in downloads:
            url = str(g.value(dist, DCAT.downloadURL))
            if not url.startswith(base):
                problems.append(f"{dist}: download URL {url} is not under {base}")
                continue
            path = os.path.join(out, url[len(base):])
            if not os.path.isfile(path):
                problems.append(f"{dist}: {url} has no file in {out}")
                continue
            data = open(path, "rb").read()
            size = g.value(dist, DCAT.byteSize)
            if size is None or int(size) != len(data):
                problems.append(f"{dist}: dcat:byteSize {size} but the file has {len(data)} bytes")
            checksum = g.value(dist, SPDX.checksum)
            value = g.value(checksum, SPDX.checksumValue) if checksum is not None else None
            algorithm = g.value(checksum, SPDX.algorithm) if checksum is not None else None
            if algorithm != SPDX.checksumAlgorithm_sha256 or value is None or str(value).lower() != hashlib.sha256(data).hexdigest():
                problems.append(f"{dist}: SHA-256 {value} does not match the file ({hashlib.sha256(data).hexdigest()})")
            checked_files += 1
    for p in problems:
        print("check-dcat: " + p)
    print(f"check-dcat: {len(datasets)} datasets, {checked_files} distribution files checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
