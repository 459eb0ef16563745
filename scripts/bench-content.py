#!/usr/bin/env python3
"""Writes the synthetic Content of `make bench`: one dataset of 600,000 rows x 15 columns,
one of 20,000 rows and one of 2,000 rows with coordinates, with the quirks of real French
files (BOM, CRLF, ';', decimal commas, quoted fields, codes with leading zeros).

Deterministic: the same arguments always write the same bytes (seeded generator, no clock).

Usage: bench-content.py OUT_DIR [--scale S]   (S multiplies the row counts; default 1)
"""
import os
import random
import sys

COMMUNES = ["Rennes", "Brest", "Quimper", "Saint-Malo", "Vannes", "Lorient", "Ajaccio", "Bastia",
            "Tours", "Orléans", "Bourges", "Chartres", "Blois", "Châteauroux", "Paimpol", "Lannion"]
CATEGORIES = ["A", "B", "C", "D", "E", "NON"]
WORDS = ["cinéma", "séance", "avant-première", "débat", "jeune public", "patrimoine", "festival",
         "rencontre", "court métrage", "documentaire", "animation", "ciné-concert"]

SITE = """title: Banc d'essai Portail
description: Contenu synthétique de `make bench`.
base_url: https://bench.example/
publisher:
  name: Banc d'essai
  email: bench@example.org
licence: etalab-2.0
"""


def write_big(folder, rows, rng):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "data.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("id;code commune;nom;commune;catégorie;ouverture;séance;fauteuils;taux;art et essai;"
                "description;année;écrans;entrées;remarque\r\n")
        for i in range(1, rows + 1):
            commune = rng.choice(COMMUNES)
            desc = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
            if i % 5 == 0:
                desc = '"' + desc + '; dit ""le meilleur"""'
            remark = "" if i % 3 else '"ligne 1\r\nligne 2"'
            opened = f"{rng.randint(1950, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            screening = (f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                         f"T{rng.randint(10, 22)}:{rng.choice(['00', '15', '30', '45'])}")
            seats = f"{rng.randint(20, 2500)}.0"
            rate = f"{rng.randint(0, 10000) / 100:.2f}".replace(".", ",")
            ae = rng.choice(["OUI", "NON"])
            year = rng.randint(1990, 2024)
            screens = rng.randint(1, 15)
            admissions = "" if i % 11 == 0 else f"{rng.randint(100, 900000):,}".replace(",", "\u00a0")
            f.write(f"{i};{rng.randint(1, 95999):05d};Salle {i};{commune};{rng.choice(CATEGORIES)};{opened};"
                    f"{screening};{seats};{rate};{ae};{desc};{year};{screens};{admissions};{remark}\r\n")


def big_yaml(title, rows):
    return f"""title: {title}
description: Jeu synthétique de {rows} lignes et 15 colonnes.
modified: 2026-01-01
source:
  path: data.csv
key: id
fields:
  - {{name: id, type: integer}}
  - {{name: code, column: code commune, type: string}}
  - {{name: nom}}
  - {{name: commune}}
  - {{name: categorie, column: catégorie}}
  - {{name: ouverture, type: date}}
  - {{name: seance, column: séance, type: datetime}}
  - {{name: fauteuils, type: integer}}
  - {{name: taux, type: number}}
  - {{name: art_et_essai, column: art et essai, type: boolean}}
  - {{name: description}}
  - {{name: annee, column: année, type: year}}
  - {{name: ecrans, column: écrans, type: integer}}
  - {{name: entrees, column: entrées, type: integer, access: members}}
  - {{name: remarque}}
"""


def write_geo(folder, rows, rng):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "data.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("id;nom;commune;latitude;longitude;position\r\n")
        for i in range(1, rows + 1):
            lat = round(rng.uniform(42.0, 51.0), 6)
            lon = round(rng.uniform(-4.8, 8.2), 6)
            f.write(f"{i};Cinéma {i};{rng.choice(COMMUNES)};{lat};{lon};\"{lat}, {lon}\"\r\n")
    with open(os.path.join(folder, "dataset.yaml"), "w", encoding="utf-8") as f:
        f.write("""title: Salles géolocalisées
description: Jeu synthétique avec coordonnées.
modified: 2026-01-01
source:
  path: data.csv
key: id
fields:
  - {name: id, type: integer}
  - {name: nom}
  - {name: commune}
  - {name: latitude, type: number}
  - {name: longitude, type: number}
  - {name: position, type: geopoint, format: "lat, lon"}
""")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
    rng = random.Random(20261130)
    content = os.path.join(out, "Content")
    os.makedirs(os.path.join(content, "datasets"), exist_ok=True)
    with open(os.path.join(content, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(SITE)
    for name, rows in (("grand", int(600_000 * scale)), ("moyen", int(20_000 * scale))):
        folder = os.path.join(content, "datasets", name)
        write_big(folder, rows, rng)
        with open(os.path.join(folder, "dataset.yaml"), "w", encoding="utf-8") as f:
            f.write(big_yaml(f"Jeu {name}", rows))
    write_geo(os.path.join(content, "datasets", "geo"), int(2_000 * scale), rng)


if __name__ == "__main__":
    main()
