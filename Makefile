# Two commands on a fresh machine: `make demo` and `make test`. Everything else builds on `make install`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
KB := $(BIN)/kb
DB ?= kb.db
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install browser test demo demo-db harvest enrich serve status eval eval-sample bench clean stress

install: $(STAMP)

# Re-install only when the dependencies change; the project itself is installed editable.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: install
	$(BIN)/python -m pytest -q

# The headless-browser test's Chromium, from Debian's packages (skipped with a message when absent).
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium is installed"; else \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; fi

demo-db: install
	$(KB) demo --db $(DB)

demo: demo-db
	@echo "Serving $(DB) on http://127.0.0.1:8001 (Ctrl-C to stop)"
	$(KB) serve --db $(DB) --port 8001

harvest: install
	$(KB) harvest --db $(DB)

enrich: install
	$(KB) enrich --db $(DB)

serve: install
	$(KB) serve --db $(DB)

status: install
	$(KB) status --db $(DB)

# Extraction quality on the shared evaluation set, each part in a fresh database: `train` (develop against it;
# VERBOSE=1 lists every missed and extra event) and `check` (aggregate scores only: the estimate on unseen text).
eval: install
	mkdir -p build
	for part in train check; do \
	  rm -f build/eval-$$part.db build/eval-$$part.db-wal build/eval-$$part.db-shm; \
	  $(KB) ingest $(SHARED)/eval/$$part.jsonl --db build/eval-$$part.db >/dev/null && \
	  $(KB) enrich --db build/eval-$$part.db >/dev/null && echo "== $$part" && \
	  $(BIN)/python $(SHARED)/eval/score.py --db build/eval-$$part.db --gold $(SHARED)/eval/$$part-gold.jsonl \
	    $$( [ "$$part" = train ] && [ -n "$(VERBOSE)" ] && echo --verbose ) || exit 1; \
	done

# The same scores on the bundled sample, harvested over HTTP into a fresh database.
eval-sample: install
	mkdir -p build
	rm -f build/sample.db build/sample.db-wal build/sample.db-shm
	$(KB) demo --db build/sample.db
	$(BIN)/python $(SHARED)/eval/score.py --db build/sample.db --gold sample/gold.jsonl

# Benchmarks (not timed tests): results with machine and date in bench/*.json. The article-extraction
# benchmark reads $(SHARED)/bench/article-extraction (skipped with a message when absent).
bench: install
	SHARED=$(SHARED) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache kb.db kb.db-wal kb.db-shm
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The property and crash tests with far more cases than `make test`: 20x the generated examples, 50 kills
# of each command, 32 concurrent readers (about a quarter of an hour). KB_KILL_SEED=N replays kill times.
stress: install
	HYPOTHESIS_PROFILE=stress KB_KILL_RUNS=50 KB_READERS=32 $(BIN)/python -m pytest -q -s -rxX tests/test_properties.py tests/test_crash.py
