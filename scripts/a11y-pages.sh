#!/usr/bin/env bash
# Makes FOLDER, a copy of the built portal (hard links, so it costs no space) where every kind
# of page is kept but long runs of pages made from one template are cut to a few: axe in
# Chromium takes about a second a page, and the example portal has thousands of record pages,
# event pages and widgets that differ only by their data. Kept, in sorted order, so that the
# choice is the same on every run: every page but those runs; the first 3 record pages of each
# dataset and the first with events; the first 3 event pages and the first cancelled one; the
# first 3 widgets and the first with events; the same in every interface language's folder.
#   usage: scripts/a11y-pages.sh OUTPUT FOLDER
set -euo pipefail
output=$1 folder=$2
rm -rf "$folder"
cp -al "$output" "$folder"

# Keeps the first COUNT pages of a folder, and the first one holding TEXT (when given), so
# that a page showing what most lack (events, a cancellation) is checked too.
keep_first() {
  local dir=$1 count=$2 text=${3:-} also=
  [ -d "$folder/$dir" ] || return 0
  local pages
  pages=$(find "$folder/$dir" -maxdepth 1 -type f -name '*.html' ! -name index.html | LC_ALL=C sort)
  [ -n "$pages" ] || return 0
  if [ -n "$text" ]; then also=$(echo "$pages" | xargs grep -l -F "$text" | head -1 || true); fi
  echo "$pages" | tail -n +"$((count + 1))" | while read -r file; do
    [ "$file" = "$also" ] || rm "$file"
  done
}

# The pages of each interface language: the default's at the root, the others' in a folder
# of their own (en/, with `languages: [fr, en]`), cut the same way.
prefixes=("")
for dir in "$folder"/*/; do
  [ -f "$dir/index.html" ] && [ -d "$dir/datasets" ] && prefixes+=("$(basename "$dir")/")
done
for prefix in "${prefixes[@]}"; do
  for dataset in "$folder/${prefix}"datasets/*/; do
    [ -d "$dataset" ] || continue
    keep_first "${prefix}datasets/$(basename "$dataset")" 3 'class="event__title"'
  done
  keep_first "${prefix}agenda/events" 3 'schema.org/EventCancelled'
done
keep_first embed/agenda 3 'class="event__title"'
echo "a11y-pages: $(find "$folder" -name '*.html' | wc -l) of $(find "$output" -name '*.html' | wc -l) pages kept in $folder"
