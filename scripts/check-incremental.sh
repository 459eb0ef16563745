#!/bin/bash
# Incremental builds of the example portal give the tree of a full build, after each kind of
# edit a publisher makes: a page's text, a new and a deleted page, a template, a partial, a
# translation, a theme asset, site.yaml, cells of the agenda, of its places (and their
# members-only columns) and of a filtered view's file, events and places added, moved and
# deleted, each kind of dataset.yaml, members-only data opened and closed, a deleted dataset,
# and the options (passphrase, base URL, date).
#
# Usage: scripts/check-incremental.sh [portail binary]   (default .build/release/portail)
# Works on a copy of Content/ and Themes/ in a temporary folder; fails at the first edit
# after which the incremental build and a --full build differ, listing the files.
set -euo pipefail

BIN=$(realpath "${1:-.build/release/portail}")
ROOT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/Content" "$ROOT/Themes" "$WORK/"
cd "$WORK"
printf 'une phrase de passe pour la vérification\n' > passphrase
DATE=2026-12-01
BASE=

build() {
  "$BIN" build --quiet --build-date "$DATE" ${BASE:+--base-url "$BASE"} --members-passphrase-file passphrase "$@" \
    2> >(grep -v "warning\|^ *|\|^ *[0-9]* |\|hint:" >&2)
}

# edit FILE SED-SCRIPT: the edit must change the file, so that no step passes vacuously.
edit() {
  cp "$1" "$WORK/before"
  sed -i "$2" "$1"
  if cmp -s "$1" "$WORK/before"; then echo "check-incremental: the edit '$2' changed nothing in $1" >&2; exit 1; fi
}

steps=0
check() {
  local started=$(date +%s%N)
  build
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  rm -rf Full .Full.portail-cache.json
  build --full --output Full
  if ! diff -r -q Output Full > differences; then
    echo "check-incremental: after '$1', the incremental build differs from a full build:" >&2
    head -20 differences >&2
    exit 1
  fi
  steps=$((steps + 1))
  printf '  %-42s same tree (incremental build %d.%02d s)\n' "$1" $((ms / 1000)) $((ms % 1000 / 10))
}

build
echo "check-incremental: incremental and full builds of the example portal, edit after edit"
agenda=Content/datasets/agenda-ouvert
venues=Content/datasets/cinemas-actifs
schools=Content/datasets/etablissements-scolaires

edit Content/pages/a-propos.md '$ a\
Un paragraphe de plus.'; check "a page's text"
printf -- '---\ntitle: Nouvelle page\nmenu: 9\n---\n\nTexte.\n' > Content/pages/nouvelle.md; check "a new page in the menu"
rm Content/pages/nouvelle.md; check "a page deleted"
edit Themes/default/templates/event.mustache 's|<dl class="metadata">|<dl class="metadata facts">|'; check "a template"
edit Themes/default/templates/partials/event-item.mustache '0,/class="/s/class="/class="x /'; check "a partial"
edit Themes/default/i18n/fr.yaml 's/: Ajouter à mon agenda$/: Ajouter à l’agenda/'; check "a translation"
edit Themes/default/i18n/en.yaml '0,/: /s/: /: The /'; check "another language's translation"
edit Themes/default/assets/portail.css '$ a\
/* an asset edited */'; check "a theme asset"
edit Content/site.yaml '0,/^title: /s/^title: /title: Le /'; check "site.yaml"
edit $agenda/agenda.csv '2s/;Ciné-goûter/;Grand ciné-goûter/'; check "an event's cell"
edit $agenda/agenda.csv '3d'; check "an event deleted"
edit $venues/cinemas-cnc-2022.csv '2s/;GAUMONT CHAMPS ELYSEES MARIGNAN;/;GAUMONT MARIGNAN;/'; check "a place's name"
edit $venues/cinemas-cnc-2022.csv '2s/;206777.0;/;206778.0;/'; check "a members-only cell"
# Pages kept one by one (PageMemo): an event added, moved to another place and another day,
# a place added and given events, then both removed.
edit $venues/cinemas-cnc-2022.csv '2{p;s/^1;54;GAUMONT MARIGNAN;/1;999999;CINEMA NOUVEAU;/}'; check "a place added"
edit $agenda/agenda.csv '$ a\
ev-2026-9999;Séance ajoutée;2026-12-20T20:30;2026-12-20T22:30;54;Jeune public;Une séance ajoutée.;;;;;;;;scheduled;offline;;;2026-11-30T10:00'
check "an upcoming event added"
edit $agenda/agenda.csv 's/;2026-12-20T22:30;54;/;2026-12-20T22:30;999999;/'; check "an event moved to another place"
edit $agenda/agenda.csv 's/;2026-12-20T20:30;2026-12-20T22:30;999999;/;2027-01-08T20:30;2027-01-08T22:30;999999;/'; check "an event moved to another day"
edit $agenda/agenda.csv '/^ev-2026-9999;/d'; check "the added event deleted"
edit $venues/cinemas-cnc-2022.csv '/^1;999999;/d'; check "the added place deleted"
edit $schools/annuaire-education-ille-et-vilaine-2023.csv '5s/;1;/;0;/'; check "a cell of a filtered view's file"
edit $schools/dataset.yaml '0,/^title: /s/^title: /title: Les /'; check "the dataset.yaml of a view's file"
edit Content/datasets/etablissements-section-cinema/dataset.yaml '0,/^title: /s/^title: /title: Les /'; check "a filtered view's dataset.yaml"
edit Content/datasets/etablissements-section-cinema/dataset.yaml 's/^    Section_cinema: "1"$/    Section_cinema: "1"\n    Statut_public_prive: Public/'; check "a filtered view's filter (its row count)"
edit $agenda/dataset.yaml '0,/^title: /s/^title: /title: L’/'; check "the agenda's dataset.yaml"
edit $venues/dataset.yaml '0,/^title: /s/^title: /title: Les /'; check "the places' dataset.yaml"
edit $venues/dataset.yaml '0,/access: members/s/access: members/access: public/'; check "a members-only field opened"
edit $venues/dataset.yaml 's/access: members/access: public/'; check "every members-only field opened"
# The last members-only data goes with a dataset no page unit reads: the pages of the agenda
# and of the places must lose their members' menu entry all the same, and get it back.
rm -r Content/datasets/annuaire-distributeurs; check "the last members-only dataset deleted"
edit Content/datasets/open-films/dataset.yaml 's/^    title: Titre original$/    title: Titre original\n    access: members/'; check "members-only data elsewhere"
edit Content/datasets/open-films/open-films.csv '2s/;/; /'; check "a film's cell"
printf 'une autre phrase de passe, plus longue\n' > passphrase; check "the members' passphrase"
BASE=https://exemple.org/portail/; check "--base-url"
DATE=2026-12-15; check "--build-date"
echo "check-incremental: $steps edits, every incremental build gave the full build's tree"
