# make site: create .venv, install pinned dependencies, generate docs/ and build site/
# make test: everything in make site, then the whole test suite
# make serve: a local preview at http://127.0.0.1:8000/, rebuilt and reloaded as sources change (PORT=8001 for another port)
# make bench: everything in make site, then the site against plain Material, and the build at scale (bench/run.py)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

PORT ?= 8000

.PHONY: site test check serve bench clean

site: $(INSTALLED)
	$(PY) -m generator build

test: site
	$(PY) -m pytest

bench: site
	$(PY) bench/run.py

serve: $(INSTALLED)
	$(PY) -m generator serve --port $(PORT)

check: $(INSTALLED)
	$(PY) -m generator check

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11 or newer is needed"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian run 'apt-get install python3-venv'"; exit 2; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

clean:
	rm -rf site site.new site.old .preview
