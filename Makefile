# Two commands: `make run` serves the app, `make test` runs every test; `make lint` checks style and types.
# Everything installs from package registries only (PyPI, npm, Debian).
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run run-postgis dev test lint install install-dev assets chromium postgis data bench update load-test

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Leaflet is served by the app itself so maps draw with no network.
static/vendor/.done: scripts/fetch_assets.sh
	bash scripts/fetch_assets.sh
	touch $@
assets: static/vendor/.done

chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# The PostGIS store tests start their own PostgreSQL server (tests/pg_server.py): Debian's PostgreSQL 15 + PostGIS 3.
postgis:
	@test -f /usr/share/postgresql/15/extension/postgis.control || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3)

# deploy/warm.py (in the background) calls the script health check once the server answers: app.py runs before
# the first visitor (see .streamlit/config.toml). Production settings: no file watcher, no GC after each run.
run: install assets
	$(PY) deploy/warm.py $(PORT) &
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

# While editing the code: reload on save, garbage collection after each run.
dev: install assets
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true --server.fileWatcherType auto \
		--server.runOnSave true --runner.postScriptGC true

# The PostGIS store: $$DATABASE_URL when set, else a local server of its own, kept between runs
# (scripts/local_postgis.py: 127.0.0.1:5433, data in the store folder; `$(PY) scripts/local_postgis.py stop`).
# Several instances may share one store: see README, "Déploiement".
run-postgis: install assets postgis
	@url="$${DATABASE_URL:-$$($(PY) scripts/local_postgis.py start)}" && test -n "$$url" && \
		($(PY) deploy/warm.py $(PORT) &) && \
		DATABASE_URL="$$url" $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: install-dev assets chromium postgis
	$(PY) -m pytest

# ruff (pyflakes, isort, pyupgrade, bugbear, simplify) on the tree, mypy --strict on geo/ (settings in pyproject.toml).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Rebuild data/ from ../shared/opendata (only needed when the sources change).
data: install
	$(PY) scripts/build_data.py

# Official sources -> the configured store (CARTE_STORE_DIR or DATABASE_URL); DEP=29 by default, SOURCE=finess|communes|barometre
# for one of them. Saves only with YES=1 (a nightly cron: `make update YES=1`; needs CARTE_ANALYST_PASSWORD).
DEP ?= 29
update: install
	$(PY) -m geo.sources update --dep $(DEP) $(if $(SOURCE),--source $(SOURCE)) $(if $(YES),--yes)

bench: install-dev assets chromium
	$(PY) scripts/bench_map.py

# N headless Chromium sessions against a local server (N=1 5 10 20 by default; on a quiet machine).
N ?= 1 5 10 20
load-test: install-dev assets chromium
	$(PY) scripts/load_test.py $(N)
