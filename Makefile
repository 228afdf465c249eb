# Two commands on a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("vaultgraph needs Python 3.11+") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed-test
	@echo '$$ vault check notes'
	@$(BIN)/vault check notes
	@echo
	@echo '$$ vault links pilot-to-production-gap --vault notes'
	@$(BIN)/vault links pilot-to-production-gap --vault notes
	@echo
	@echo '$$ vault backlinks power-law-returns --unlinked --vault notes'
	@$(BIN)/vault backlinks power-law-returns --unlinked --vault notes
	@echo
	@echo '$$ vault search "pilot production" --vault notes --limit 3'
	@$(BIN)/vault search "pilot production" --vault notes --limit 3
	@echo
	@echo '$$ vault validate notes   # frontmatter against notes/schemas/*.yaml'
	@$(BIN)/vault validate notes
	@echo
	@echo "$$ vault query 'TABLE novelty_score, date_added FROM \"insights\" WHERE novelty_score > 0.7' --vault notes"
	@$(BIN)/vault query 'TABLE novelty_score, date_added FROM "insights" WHERE novelty_score > 0.7' --vault notes
	@echo
	@echo '$$ vault hubs --top 5 --vault notes'
	@$(BIN)/vault hubs --top 5 --vault notes
	@echo
	@echo '$$ vault mv notes/sources/reports/why-enterprise-ai-pilots-fail.md notes/sources/reports/pilot-failures.md --dry-run'
	@$(BIN)/vault mv notes/sources/reports/why-enterprise-ai-pilots-fail.md notes/sources/reports/pilot-failures.md --dry-run
	@echo
	@echo '$$ vault check seeds   # the raw seed note: its six links point at notes it does not have'
	@$(BIN)/vault check seeds || true

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# The property tests of tests/fuzz at length: FUZZ_EXAMPLES examples each of the parser's and
# resolver's (ten tests; ~20 minutes on 2 busy cores), MOVE_EXAMPLES of `vault mv` on random vaults
# (each writes a vault to disk: ~25 ms an example), SCHEMA_EXAMPLES of the schema fast path against
# jsonschema (two tests, ~10 ms an example), with hypothesis's count of examples at the end.
FUZZ_EXAMPLES ?= 40000
MOVE_EXAMPLES ?= 3000
SCHEMA_EXAMPLES ?= 20000
fuzz: $(VENV)/.installed-test
	VAULTGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:randomly \
	  tests/fuzz/test_properties.py --hypothesis-profile=fuzz --hypothesis-show-statistics
	VAULTGRAPH_FUZZ_EXAMPLES=$(MOVE_EXAMPLES) $(BIN)/python -m pytest -q -p no:randomly \
	  tests/fuzz/test_move_property.py --hypothesis-profile=fuzz --hypothesis-show-statistics
	VAULTGRAPH_FUZZ_EXAMPLES=$(SCHEMA_EXAMPLES) $(BIN)/python -m pytest -q -p no:randomly \
	  tests/fuzz/test_plain_schema_property.py --hypothesis-profile=fuzz --hypothesis-show-statistics

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
