#!/usr/bin/env python3
"""Writes the example "Open Films" dataset (illustrative records).

Film metadata as cinemas need it for their programmes: title, original title, year,
nationalities, running time, director, distributor, visa number, genre, and the
accessibility versions available (audio description "AD", subtitles for the deaf and hard
of hearing "SME"), a multi-valued field. Titles, people and companies are invented from word
lists: the records are realistic in shape, not real films, and the dataset says so.

Deterministic: a fixed seed, no clock. Run once; the CSV is committed.
Usage: make-open-films.py OUT.csv [COUNT]
"""
import random
import sys

NOUNS = ["Nuits", "Rivages", "Saisons", "Lumières", "Frontières", "Chemins", "Promesses", "Orages", "Silences",
         "Voyages", "Enfants", "Jardins", "Marées", "Visages", "Secrets", "Étés", "Hivers", "Ponts", "Îles", "Villes"]
PLACES = ["Brest", "Ajaccio", "Figeac", "Tulle", "Lorient", "Vierzon", "Dieppe", "Bastia", "Quimper", "Millau",
          "Menton", "Roubaix", "Saint-Nazaire", "Aurillac", "Granville", "Sète", "Cahors", "Redon"]
ADJECTIVES = ["blanches", "perdues", "ordinaires", "lointaines", "secrètes", "rebelles", "immobiles", "fauves"]
FIRST = ["Camille", "Louise", "Nadia", "Jeanne", "Inès", "Claire", "Marion", "Agnès", "Yasmine", "Léa",
         "Julien", "Karim", "Thomas", "Antoine", "Mathieu", "Olivier", "Bruno", "Hugo", "Samuel", "Rachid"]
LAST = ["Morel", "Garnier", "Lefèvre", "Benali", "Rousseau", "Fournier", "Girard", "Bonnet", "Dupont",
        "Lambert", "Fontaine", "Chevalier", "Robin", "Mercier", "Blanc", "Guérin", "Boyer", "Marchand"]
DISTRIBUTORS = ["Les Films du Losange Bleu", "Ciné-Tamaris Diffusion", "Épicentre Distribution", "Jour2Fête Films",
                "Shellac Sud", "Rezo Ouest", "Haut et Court Diffusion", "Pyramide Distribution Associée",
                "Les Films de l'Estran", "KMBO Essai"]
GENRES = ["Drame", "Comédie", "Documentaire", "Animation", "Comédie dramatique", "Thriller", "Film d'aventure",
          "Romance", "Film historique", "Science-fiction"]
NATIONALITIES = ["France", "France", "France", "Belgique", "Suisse", "Italie", "Espagne", "Allemagne", "Québec",
                 "Sénégal", "Tunisie", "Japon", "Iran", "Argentine"]
ORIGINAL = {"Italie": ["Le notti", "Il fiume", "La stagione"], "Espagne": ["Las noches", "El río", "La estación"],
            "Allemagne": ["Die Nächte", "Der Fluss", "Die Jahreszeit"], "Japon": ["Yoru no uta", "Kawa", "Kisetsu"],
            "Argentine": ["Las orillas", "El viento", "La frontera"]}


def title(rng):
    shape = rng.randrange(4)
    if shape == 0:
        return f"Les {rng.choice(NOUNS)} de {rng.choice(PLACES)}"
    if shape == 1:
        return f"{rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}"
    if shape == 2:
        return f"Un été à {rng.choice(PLACES)}"
    return f"{rng.choice(FIRST)} et les {rng.choice(NOUNS).lower()}"


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 320
    rng = random.Random(1895)
    visas = rng.sample(range(140_000, 165_000), count)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("visa;titre;titre_original;annee;nationalites;duree;realisation;distributeur;genre;versions_accessibles\r\n")
        for visa in sorted(visas):
            nationalities = [rng.choice(NATIONALITIES)]
            if rng.random() < 0.3:
                other = rng.choice(NATIONALITIES)
                if other not in nationalities:
                    nationalities.append(other)
            t = title(rng)
            original = t
            if nationalities[0] in ORIGINAL:
                original = f"{rng.choice(ORIGINAL[nationalities[0]])} {rng.choice(PLACES)}"
            genre = rng.choice(GENRES)
            duration = rng.randint(70, 105) if genre in ("Animation", "Documentaire") else rng.randint(85, 150)
            year = 2018 + (visa - 140_000) * 8 // 25_000
            versions = []
            if rng.random() < 0.55:
                versions.append("Audiodescription")
            if rng.random() < 0.65:
                versions.append("Sous-titres SME")
            director = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if rng.random() < 0.1:
                director += f", {rng.choice(FIRST)} {rng.choice(LAST)}"
                director = f'"{director}"'
            f.write(";".join([str(visa), t, original, str(year), ", ".join(nationalities), str(duration), director,
                              rng.choice(DISTRIBUTORS), genre, ", ".join(versions)]) + "\r\n")


if __name__ == "__main__":
    main()
