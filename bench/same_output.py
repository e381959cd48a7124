"""Is this tree's ``resparse extract -f json`` byte for byte what another tree's gives?

    python bench/same_output.py /work/main/.venv/bin/resparse      # against main's command

Every file of samples/ and of tests/*/{inputs,docx,pdf}/ is read, one ``resparse extract``
per file, by this tree's command (``.venv/bin/resparse`` beside it) and by the given one; the
standard output and the exit code must agree. Prints the differing files, exits 1 if any.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("corpus", "heldout", "fresh", "third", "fourth", "fifth")
FOLDERS = ("inputs", "docx", "pdf")
JOBS = 2
"""Files read at once (each ``resparse extract`` runs its own worker)."""


def files() -> list[Path]:
    found = sorted(path for path in (ROOT / "samples").iterdir() if path.is_file())
    for name in SETS:
        for folder in FOLDERS:
            found += sorted(path for path in (ROOT / "tests" / name / folder).glob("*") if path.is_file())
    return found


def run(command: str, path: Path) -> tuple[int, bytes]:
    done = subprocess.run([command, "extract", str(path), "-f", "json"], capture_output=True, check=False)
    return done.returncode, done.stdout


def differs(ours: str, theirs: str, path: Path) -> bool:
    return run(ours, path) != run(theirs, path)


def main() -> None:
    theirs = sys.argv[1]
    ours = str(ROOT / ".venv" / "bin" / "resparse")
    paths = files()
    with ThreadPoolExecutor(JOBS) as pool:
        flags = list(pool.map(lambda path: differs(ours, theirs, path), paths))
    different = [path for path, flag in zip(paths, flags, strict=True) if flag]
    for path in different:
        print(f"differs: {path.relative_to(ROOT)}")
    print(f"{len(paths)} files, {len(different)} differences")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
