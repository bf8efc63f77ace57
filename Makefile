# The two commands of the README. Each does its own set-up on a fresh clone.
.PHONY: demo test lint
demo:
	bin/setup demo
test:
	bin/setup test $(ARGS)
lint:
	.venv/bin/ruff check .
