#!/usr/bin/env python3
"""Writes the example members-only dataset "Annuaire des distributeurs" (illustrative records).

The distribution companies of the example film database, each with two contacts (booking
and press, say), their role, e-mail and phone, and the films of Content/datasets/open-films
they distribute. Names, addresses and numbers are invented: e-mails use the reserved
.example domain and phones the 01 99 00 range kept for fiction by the French regulator.

Deterministic: a fixed seed, no clock. Run once; the CSV is committed.
Usage: make-distributeurs.py Content/datasets/open-films/open-films.csv OUT.csv
"""
import csv
import random
import re
import sys
import unicodedata

ROLES = [("Programmation", "programmation"), ("Relations presse", "presse"), ("Ventes salles", "ventes"),
         ("Direction", "direction")]
FIRST = ["Camille", "Louise", "Nadia", "Jeanne", "Inès", "Claire", "Marion", "Agnès", "Yasmine", "Léa",
         "Julien", "Karim", "Thomas", "Antoine", "Mathieu", "Olivier", "Bruno", "Hugo", "Samuel", "Rachid"]
LAST = ["Morel", "Garnier", "Lefèvre", "Benali", "Rousseau", "Fournier", "Girard", "Bonnet", "Dupont",
        "Lambert", "Fontaine", "Chevalier", "Robin", "Mercier", "Blanc", "Guérin", "Boyer", "Marchand"]
CITIES = ["Paris", "Paris", "Paris", "Lyon", "Marseille", "Nantes", "Bordeaux", "Lille", "Rennes", "Montreuil"]


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def main():
    films_path, out_path = sys.argv[1], sys.argv[2]
    rng = random.Random(20261130)
    with open(films_path, encoding="utf-8-sig", newline="") as f:
        films = list(csv.DictReader(f, delimiter=";"))
    by_company = {}
    for film in films:
        by_company.setdefault(film["distributeur"], []).append(film)
    rows = []
    for company in sorted(by_company):
        titles = sorted({f["titre"] for f in by_company[company]})
        domain = slug(company) + ".example"
        city = rng.choice(CITIES)
        for role, box in rng.sample(ROLES, 2):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            rows.append({
                "id": slug(company) + "-" + box,
                "societe": company,
                "ville": city,
                "site_web": "https://www." + domain + "/",
                "contact": first + " " + last,
                "role": role,
                "courriel": slug(first) + "." + slug(last) + "@" + domain,
                "telephone": "01 99 00 %02d %02d" % (rng.randrange(100), rng.randrange(100)),
                "nombre_films": str(len(titles)),
                "films": " | ".join(titles),
                "mis_a_jour": "2026-%02d-%02d" % (rng.randrange(6, 12), rng.randrange(1, 29)),
            })
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    print("%d contacts of %d distributors" % (len(rows), len(by_company)))


if __name__ == "__main__":
    main()
