# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-slow bench bench-quick bench-scaling screenshot eval-sections eval-sections-versions eval-learning bench-train-edit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotator demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m slow

bench: $(STAMP)
	$(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks --quick --json /tmp/bench-quick.json --markdown /tmp/bench-quick.md

bench-scaling: $(STAMP)
	$(BIN)/python -m benchmarks.bench_scaling --read-html

eval-sections: $(STAMP)
	$(BIN)/python benchmarks/eval_sections.py
	$(BIN)/python benchmarks/eval_sections_learned.py

eval-sections-versions: $(STAMP)
	nice $(BIN)/python benchmarks/eval_sections_versions.py --pages held-out
	nice $(BIN)/python benchmarks/eval_sections_versions.py --pages tuned
	nice $(BIN)/python benchmarks/eval_sections_versions.py --pages all
	nice $(BIN)/python benchmarks/eval_sections_versions.py --split

eval-learning: $(STAMP)
	nice $(BIN)/python benchmarks/eval_learning.py --json /tmp/eval-learning.json

bench-train-edit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_train_edit.py

screenshot: $(STAMP)
	@command -v xvfb-run >/dev/null || (apt-get update -qq && apt-get install -y -qq xvfb xauth libxcb-icccm4 \
		libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 \
		libxcb-randr0 libxcb-xinerama0 libxcb-cursor0)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python -m ui.app.screenshots.screenshot

clean:
	rm -rf $(VENV) build *.egg-info
