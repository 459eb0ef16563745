#!/usr/bin/env python3
"""Writes the example "Baromètre hebdomadaire des entrées" (illustrative figures).

Weekly cinema admissions in France for 2025, national and in art-house (Art et Essai)
cinemas. French cinema weeks run from Wednesday (release day) to Tuesday; 1 January 2025
is a Wednesday, so 2025 has 52 full cinema weeks. The figures follow a realistic seasonal
shape (holidays high, September and June low) around ~180 million admissions a year, but
they are generated, not measured: the dataset says so in its description.

Deterministic: a fixed seed, no clock. Run once; the CSV is committed.
Usage: make-barometre.py OUT.csv
"""
import datetime as dt
import math
import random
import sys

SEASON = {  # relative attendance by month (holidays, summer, autumn lull)
    1: 1.15, 2: 1.20, 3: 0.95, 4: 1.10, 5: 0.90, 6: 0.75, 7: 1.05, 8: 1.10,
    9: 0.70, 10: 1.05, 11: 1.00, 12: 1.25,
}


def main():
    out = sys.argv[1]
    rng = random.Random(2025)
    start = dt.date(2025, 1, 1)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("semaine_debut;semaine_fin;numero_semaine;entrees_nationales;entrees_art_et_essai;part_art_et_essai\r\n")
        for week in range(52):
            first = start + dt.timedelta(days=7 * week)
            last = first + dt.timedelta(days=6)
            season = SEASON[first.month]
            # Christmas and the first week of summer releases draw the biggest crowds.
            bump = 1.35 if (first.month == 12 and first.day >= 17) else 1.0
            national = int(3_450_000 * season * bump * rng.uniform(0.88, 1.12))
            share = 0.21 + 0.05 * math.sin(week / 52 * 2 * math.pi) + rng.uniform(-0.02, 0.02)
            art_house = int(national * share)
            f.write(f"{first.isoformat()};{last.isoformat()};{week + 1};{national};{art_house};"
                    f"{art_house / national * 100:.1f}".replace(".", ",") + "\r\n")


if __name__ == "__main__":
    main()
