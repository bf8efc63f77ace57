# The two commands of the README. Each does its own set-up on a fresh clone.
.PHONY: demo test check lint
demo:
	bin/setup demo
test:
	bin/setup test $(ARGS)
# The quick loop: lint, layering, and every test but the browser and worker ones, in parallel.
check:
	bin/setup check $(ARGS)
lint:
	.venv/bin/ruff check .
	.venv/bin/lint-imports --no-cache --no-logo
