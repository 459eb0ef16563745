# Portail — thin wrappers around swift and the validator. `make portal` and `make test` are
# the two commands of the README; both work on a fresh Debian machine.

SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Debian packages the build needs: cmark-gfm (Markdown), zlib and pkg-config (ZIP), Leaflet
# (map views, copied into the output), GNU time (bench).
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev pkg-config libjs-leaflet time
SHARED ?= ../shared
VALIDATE := $(SHARED)/validate
VALIDATE_VENV ?= $(CURDIR)/.venv-validate
TOOLS_VENV ?= $(CURDIR)/.venv-tools
RELEASE_BIN := .build/release/portail

.PHONY: all portal build release check test unit validate deps snapshots bench clean help

all: portal

help:
	@echo "make portal     install missing system packages, build (release) and generate Output/ from Content/"
	@echo "make test       unit, snapshot and end-to-end tests, then validate the example portal"
	@echo "make check      check Content/ and the theme without writing anything"
	@echo "make snapshots  re-record the snapshot tests' expected output"
	@echo "make a11y-all   axe (WCAG 2.1 A/AA) on every page of the example, not only each kind (long)"
	@echo "make bench      benchmark: Portail against Hugo and Jekyll on the shared workload (S=1, S=10), and a 600,000-row portal"

## System packages: installed only when missing (apt-get as root, else through sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product portail

portal: release
	$(RELEASE_BIN) build

check: release
	$(RELEASE_BIN) check

unit: deps
	$(SWIFT) test

## The validator's venv, made once (git-ignored).
$(VALIDATE_VENV)/bin/python:
	VALIDATE_VENV=$(VALIDATE_VENV) $(VALIDATE)/setup

## Our own checking tools (rdflib, openapi-spec-validator), pinned, made once (git-ignored).
$(TOOLS_VENV)/.installed: scripts/requirements-tools.txt
	python3 -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install -q -r scripts/requirements-tools.txt
	touch $@

## Validates the example portal: the independent validator (every check on every file; the
## pages and links of a build with the members' edition; axe in Chromium on every kind of page,
## the members' page included; then the harvesting checks with warnings as failures)
## when ../shared is present, the DCAT catalogue against the files it describes, the OpenAPI
## document, the spreadsheets through LibreOffice, incremental builds against full ones after
## each kind of edit, and the browser tests.
validate: portal $(TOOLS_VENV)/.installed
	@if [ -x $(VALIDATE)/validate-portal ]; then \
	  $(MAKE) --no-print-directory $(VALIDATE_VENV)/bin/python && \
	  VALIDATE_VENV=$(VALIDATE_VENV) $(VALIDATE)/validate-portal Output --skip xlsx && \
	  rm -rf .members-check && \
	  PORTAIL_MEMBERS_PASSPHRASE='une phrase de passe pour la validation' $(RELEASE_BIN) build --quiet --output .members-check/Output && \
	  VALIDATE_VENV=$(VALIDATE_VENV) $(VALIDATE)/validate-portal .members-check/Output --only html,links && \
	  scripts/a11y-pages.sh .members-check/Output .a11y-pages && \
	  VALIDATE_VENV=$(VALIDATE_VENV) $(VALIDATE)/validate-portal .a11y-pages --only a11y --a11y --a11y-sample 0 && \
	  scripts/validate-spreadsheets.sh $(VALIDATE_VENV) $(VALIDATE)/validate-portal Output && \
	  VALIDATE_VENV=$(VALIDATE_VENV) $(VALIDATE)/validate-portal Output --only dcat,jsonld,datapackage,csv,xml,json --strict; \
	else \
	  echo "make: $(VALIDATE) not found, skipping the validator"; \
	fi
	$(TOOLS_VENV)/bin/python scripts/check-dcat.py Output
	$(TOOLS_VENV)/bin/python -m openapi_spec_validator Output/api/openapi.json
	$(TOOLS_VENV)/bin/python scripts/check-spreadsheets.py Output
	scripts/check-incremental.sh $(RELEASE_BIN)
	@if [ -x $(VALIDATE_VENV)/bin/python ]; then \
	  $(VALIDATE_VENV)/bin/python Tests/browser/run_all.py Output; \
	else \
	  echo "make: no validator venv (selenium), skipping the browser tests"; \
	fi

test: unit validate

## axe on every page of the example (make test runs it on every kind of page): slow, not in CI.
.PHONY: a11y-all
a11y-all: portal
	$(MAKE) --no-print-directory $(VALIDATE_VENV)/bin/python
	SHARED=$(SHARED) VALIDATE_VENV=$(VALIDATE_VENV) scripts/a11y-all.sh Output

snapshots: deps
	RECORD_SNAPSHOTS=1 $(SWIFT) test --filter Snapshot

## BENCH_SCALES (default "1 10") and BENCH_RUNS (default 3) choose the scales and the runs.
bench: release
	SHARED=$(SHARED) scripts/bench-anchors.sh
	scripts/bench.sh

clean:
	rm -rf .build Output/* .bench

## Fuzzing (Fuzz/README.md): the CSV, YAML and front-matter libFuzzer targets, each for
## FUZZ_SECONDS (default 300), one after another, built apart in .build-fuzz/; fails on any
## crash, timeout or out-of-memory (artefacts under .fuzz/artifacts/). Not part of `make test`.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz: deps
	SWIFT="$(SWIFT)" FUZZ_SECONDS="$(FUZZ_SECONDS)" scripts/fuzz.sh
