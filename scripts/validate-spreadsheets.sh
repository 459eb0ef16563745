#!/usr/bin/env bash
# Runs the shared validator's spreadsheet check (openpyxl and odfpy open every XLSX and ODS)
# and fails on every problem but one known limitation of that check: it compares a sheet's
# header with the neighbouring CSV read as comma-separated, while our CSV is ';'-separated
# (French Excel) and holds field names where sheets hold field titles. scripts/check-spreadsheets.py
# makes the real comparison (titles, row counts, and every cell through LibreOffice).
set -uo pipefail
out=$(VALIDATE_VENV="$1" "$2" "$3" --only xlsx)
echo "$out" | grep -v ': consistency: ' | grep -v ' passed, ' || true
known=$(echo "$out" | grep -c ': consistency: ' || true)
other=$(echo "$out" | grep -v ': consistency: ' | grep -v ' passed, ' | grep -c . || true)
echo "validate-spreadsheets: $known header comparisons with the ';' CSV set aside (see script), $other other problems"
[ "$other" = 0 ]
