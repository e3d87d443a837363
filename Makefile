# One command to set up and launch, one to set up and test (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/kim-jong-un-leaves-russia.txt
# Debian packages Qt needs: xcb for a real window, xvfb for tests under a virtual screen.
APT_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 \
	libgl1 libfontconfig1 libdbus-1-3 xvfb

.PHONY: run test lint bench accuracy system-deps clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Installs the Debian packages when we may (root, or sudo without a password); otherwise says which.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Qt needs these Debian packages: sudo apt-get install $$missing"; fi; \
	fi

run: system-deps $(VENV)/.installed
	$(BIN)/dossier $(SEED)

test: system-deps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q
	$(BIN)/ruff check desktop tests benchmarks
	$(BIN)/lint-imports

lint: $(VENV)/.installed
	$(BIN)/ruff check desktop tests benchmarks
	$(BIN)/ruff format --check desktop tests benchmarks
	$(BIN)/lint-imports

accuracy: $(VENV)/.installed
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
