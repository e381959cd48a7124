"""Command line (placeholder until the CLI lands)."""


def main() -> None:
    raise SystemExit("resparse: the command line is being built")
