# The commands people type. Each one sets up what it needs (a virtual environment
# in .venv with the package and its test extras) on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled

.PHONY: install browser fuse build test lint golden bench clean

install: $(STAMP) $(COMPILED)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# What a regular install compiles ahead: digest's modules (pip does it for a wheel, not
# for an editable install; where PYTHONDONTWRITEBYTECODE is set they would be compiled on
# every run), its data classes' methods and its regular expressions (digest/compiled.py), the built-in
# theme's templates (digest/render/themecode.py) and what CLDR
# says of each language's direction and locale (digest/render/localefacts.py), and an index of
# caniemail's features (digest/checks/caniemail/__init__.py). Done again
# whenever the code or the theme changes, or what it wrote is gone; a build never depends
# on it, only runs faster.
ifeq ($(wildcard digest/_compiled/*.marshal),)
  $(shell rm -f $(COMPILED))
endif
ifeq ($(wildcard digest/_theme_code/caniemail-*.marshal),)
  $(shell rm -f $(COMPILED))
endif
$(COMPILED): $(STAMP) $(shell find digest templates -type f -not -path '*/__pycache__/*' -not -path 'digest/_theme_code/*' -not -path 'digest/_compiled/*' 2>/dev/null)
	$(BIN)/python -m compileall -q digest
	$(BIN)/python -c "import digest.compiled as c; c.main()"
	$(BIN)/python -m digest.render.themecode
	$(BIN)/python -m digest.render.localefacts
	$(BIN)/python -c "import digest.checks.caniemail as c; c.main()"
	touch $(COMPILED)

build: install
	$(BIN)/digest build issue-2025

test: install browser fuse
	$(BIN)/python -m pytest

# The email is rendered in headless Chromium by the tests (Debian's chromium package).
# Where it cannot be installed, those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null) \
	  || echo "note: chromium could not be installed; the browser tests will be skipped"; }

# A case-insensitive disk is mounted by the tests with FUSE (Debian's libfuse2, for fusepy).
# Where it cannot be installed or mounted, those tests skip and say why.
fuse:
	@ldconfig -p 2>/dev/null | grep -q 'libfuse\.so\.2 ' || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libfuse2 >/dev/null) \
	  || echo "note: libfuse2 could not be installed; the case-insensitive disk tests will be skipped"; }

lint: install
	$(BIN)/ruff check digest tests bench tools
	$(BIN)/ruff format --check digest tests bench tools
	$(BIN)/mypy

golden: install
	$(BIN)/python -m tests.golden

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf dist .digest-cache $(VENV)
