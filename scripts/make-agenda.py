#!/usr/bin/env python3
"""Writes the example "Agenda ouvert" dataset: special screenings contributed by cinemas.

About 320 events from September 2026 to February 2027, around the portal's build date, in
40 art-house cinemas of the CNC list (Content/datasets/cinemas-actifs): ciné-débats,
avant-premières, festivals, jeune-public screenings, meetings with directors, ciné-concerts.
Some are cancelled, postponed or full; some have accessibility flags (OpenAgenda's codes:
hi hearing, vi visual, pi psychic, mi motor, ii intellectual) and age ranges; a few are
online or mixed. One all-night event crosses the change to winter time (25 October 2026).
Times are local (Europe/Paris), written without offset, as cinemas type them.

The events are illustrative (invented titles and guests), and the dataset says so.
Deterministic: a fixed seed, no clock. Run once; the CSV is committed.
Usage: make-agenda.py CINEMAS_CSV OUT.csv
"""
import csv
import datetime as dt
import random
import sys

TYPES = {
    "Ciné-débat": ["Débat après la projection de « {film} » avec {guest}", "Ciné-débat : {topic}"],
    "Avant-première": ["Avant-première de « {film} » en présence de {guest}", "Avant-première : « {film} »"],
    "Rencontre": ["Rencontre avec {guest}, cinéaste de « {film} »", "Rencontre avec {guest} autour de « {film} »"],
    "Jeune public": ["Ciné-goûter : « {film} »", "Ma première séance : « {film} »", "Atelier bruitage et « {film} »"],
    "Festival": ["Festival {festival} : soirée d'ouverture", "Festival {festival} : compétition courts métrages"],
    "Ciné-concert": ["Ciné-concert : « {film} » accompagné au piano", "Ciné-concert : {topic}"],
    "Patrimoine": ["Ciné-club : « {film} » en copie restaurée", "Rétrospective : {topic}"],
}
FILMS = ["Les Rivages de Brest", "Un été à Figeac", "Nuits blanches", "Marées d'hiver", "La Promesse de l'aube",
         "Les Enfants du port", "Silences immobiles", "Chemins perdus", "Le Jardin secret", "Lumières rebelles",
         "Les Saisons fauves", "Îles lointaines", "Le Voyage de Nadia", "Orages ordinaires", "Ponts de Sète"]
GUESTS = ["Camille Morel", "Nadia Benali", "Julien Garnier", "Agnès Fontaine", "Karim Lefèvre", "Louise Girard",
          "Antoine Chevalier", "Inès Rousseau", "Mathieu Blanc", "Yasmine Dupont"]
TOPICS = ["le cinéma et la mer", "filmer le travail", "les femmes cinéastes", "le burlesque muet",
          "l'écologie à l'écran", "cinéma et mémoire ouvrière", "les films noirs des années 1950"]
FESTIVALS = ["du film court", "Cinéma d'Afrique", "Travelling", "des Nouveaux Regards", "Jeunes Bobines"]
PRICES = ["Tarif habituel", "Entrée libre", "5 €", "6,50 €", "4 € pour les moins de 14 ans", "8 € avec collation",
          "Gratuit sur réservation", ""]
ACCESS = ["", "", "", "hi", "vi", "hi, vi", "mi", "hi, mi", "pi", "ii", "hi, vi, mi"]


def main():
    cinemas_csv, out = sys.argv[1], sys.argv[2]
    with open(cinemas_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    art_house = [r for r in rows if r["AE"] == "OUI" and r["genre"] == "FIXE"
                 and r["région administrative"] in ("BRETAGNE", "CENTRE-VAL DE LOIRE", "ILE-DE-FRANCE", "CORSE")]
    rng = random.Random(20260901)
    venues = sorted(rng.sample(art_house, 40), key=lambda r: int(r["N° auto"]))
    start_day = dt.date(2026, 9, 2)
    events = []
    for n in range(1, 321):
        venue = rng.choice(venues)
        kind = rng.choice(list(TYPES))
        day = start_day + dt.timedelta(days=rng.randrange(0, 180))
        hour = rng.choice([14, 15, 16, 18, 20, 20, 20, 21]) if kind != "Jeune public" else rng.choice([10, 14, 15, 16])
        minute = rng.choice([0, 0, 15, 30])
        begin = dt.datetime(day.year, day.month, day.day, hour, minute)
        length = rng.choice([95, 110, 120, 135, 150, 180]) if kind != "Festival" else rng.choice([180, 240])
        end = begin + dt.timedelta(minutes=length)
        title = rng.choice(TYPES[kind]).format(film=rng.choice(FILMS), guest=rng.choice(GUESTS),
                                                topic=rng.choice(TOPICS), festival=rng.choice(FESTIVALS))
        status = rng.choices(["scheduled", "cancelled", "postponed", "full", "rescheduled"], [86, 5, 3, 4, 2])[0]
        mode = rng.choices(["offline", "mixed", "online"], [94, 4, 2])[0]
        age_min = age_max = ""
        if kind == "Jeune public":
            age_min = str(rng.choice([3, 4, 6, 8]))
            age_max = str(int(age_min) + rng.choice([4, 6, 8]))
        access = rng.choice(ACCESS)
        price = rng.choice(PRICES)
        registration = rng.choice(["", "", f"reservation@cinema-{venue['N° auto']}.example", "02 99 00 00 00",
                                   f"https://cinema-{venue['N° auto']}.example/reserver"])
        events.append({
            "id": f"ev-2026-{n:04d}", "titre": title, "debut": begin.strftime("%Y-%m-%dT%H:%M"),
            "fin": end.strftime("%Y-%m-%dT%H:%M"), "cinema": venue["N° auto"], "type": kind,
            "description": f"{title}. Une séance proposée par le {venue['nom'].title()} ({venue['commune']}) dans le cadre de l'agenda ouvert des cinémas indépendants.",
            "mots_cles": ", ".join(sorted({kind.lower(), rng.choice(["rencontre", "cinéma français", "documentaire", "famille", "découverte"])})),
            "lien": f"https://cinema-{venue['N° auto']}.example/evenements/ev-2026-{n:04d}",
            "inscription": registration, "tarif": price, "accessibilite": access,
            "age_min": age_min, "age_max": age_max, "statut": status, "mode": mode,
            "lien_en_ligne": f"https://direct.cinemas-independants.example/ev-2026-{n:04d}" if mode != "offline" else "",
            "image": "", "mis_a_jour": (begin - dt.timedelta(days=rng.randrange(10, 40))).strftime("%Y-%m-%dT%H:%M"),
        })
    # An all-night marathon across the change to winter time: 01:00–03:00 happens twice that night.
    marathon = rng.choice(venues)
    events.append({
        "id": "ev-2026-nuit-horreur", "titre": "La nuit de l'horreur : cinq films jusqu'à l'aube",
        "debut": "2026-10-24T22:00", "fin": "2026-10-25T06:30", "cinema": marathon["N° auto"], "type": "Festival",
        "description": "Cinq films d'horreur, une soupe à minuit et des croissants au lever du jour. Attention : la nuit compte une heure de plus, on passe à l'heure d'hiver.",
        "mots_cles": "festival, nuit, horreur", "lien": f"https://cinema-{marathon['N° auto']}.example/nuit",
        "inscription": "", "tarif": "20 € la nuit", "accessibilite": "", "age_min": "16", "age_max": "",
        "statut": "scheduled", "mode": "offline", "lien_en_ligne": "", "image": "", "mis_a_jour": "2026-09-15T10:00",
    })
    events.sort(key=lambda e: (e["debut"], e["id"]))
    columns = list(events[0])
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(events)


if __name__ == "__main__":
    main()
