#!/usr/bin/env python3
"""Runs every browser test of this folder on a built portal.

usage: run_all.py OUTPUT_DIR

Exits 0 without running anything (and says so) when Chromium, chromedriver or selenium is
missing; otherwise runs test_catalogue.py, test_table.py, test_map.py, test_embed.py,
test_views.py, test_agenda.py, test_widget.py, test_contribute.py, test_members.py,
test_screenshots.py, test_serve.py and test_languages.py one after the other, prints their
lines, and ends with the total "N passed, M failed". test_members.py builds its own copy of the example with a members'
passphrase (it needs a portail binary in .build), and so does test_screenshots.py for the
members' page when OUTPUT_DIR has none. The screenshots go to $PORTAIL_SCREENSHOTS, else to
.artifacts/screenshots/. See README.md.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, HERE)

import browserkit  # noqa: E402

TESTS = ("test_catalogue.py", "test_table.py", "test_map.py", "test_embed.py", "test_views.py", "test_agenda.py",
         "test_widget.py", "test_contribute.py", "test_members.py", "test_screenshots.py", "test_serve.py",
         "test_languages.py")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


def main():
    output = browserkit.output_dir_from_argv(sys.argv)
    missing = []
    if browserkit.webdriver is None:
        missing.append("the selenium package")
    if not browserkit.find_browser():
        missing.append("chromium")
    if not browserkit.find_driver():
        missing.append("chromedriver")
    if missing:
        print("browser tests skipped: %s not found" % ", ".join(missing))
        return 0

    passed = failed = 0
    for test in TESTS:
        print("== %s" % test, flush=True)
        process = subprocess.run([sys.executable, os.path.join(HERE, test), output],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        counted = False
        for line in process.stdout.splitlines():
            match = SUMMARY.match(line.strip())
            if match:
                passed += int(match.group(1))
                failed += int(match.group(2))
                counted = True
                print("   %s" % line)
            else:
                print(line)
        if process.returncode != 0 and not counted:
            # A test that died before its summary counts as one failure.
            failed += 1
            print("FAIL %s exited with status %d before its summary" % (test, process.returncode))
        elif process.returncode != 0 and failed == 0:
            failed += 1
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
