.PHONY: demo install test bench
PYTHON ?= python3

# First command of the README: install, then process the sample scans end to end (embedded default).
demo: install
	sohoa process samples/scans --out out

install:
	bash scripts/install.sh

# Second command of the README.
test:
	$(PYTHON) -m pytest -q

bench:
	$(PYTHON) bench/pipeline_speed.py
