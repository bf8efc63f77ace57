"""Counts what the every-URL test checked and prints it at the end of the run."""

CHECKED = {"cases": 0}


def pytest_terminal_summary(terminalreporter):
    if CHECKED["cases"]:
        terminalreporter.write_line(
            f"every-URL access test: {CHECKED['cases']} (URL, role, method) cases checked")
