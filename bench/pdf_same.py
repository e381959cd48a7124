"""Whether two checkouts read PDFs alike: the same layout and document JSON (``resparse extract``).

    python bench/pdf_same.py --other /work/main/.venv/bin/python            # samples + tests
    python bench/pdf_same.py --other OTHER_PYTHON --save before.json DIR…  # keep one side

Each side (this checkout's interpreter and ``--other``, whose installed resparse is the
other checkout) reads every ``*.pdf`` under the given folders (default: ``samples`` and
``tests``) in one process and prints, per file, the layout's and the document's JSON —
what ``resparse layout`` and ``resparse extract -f json`` write — or the error it meets;
the two are compared and each file that differs is named. ``--load`` compares against a
side saved before instead of running ``--other``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_READ_ALL = """
import json, sys
from resparse.extract import read_layout
from resparse.pipeline import limit_depth
from resparse.structure import build_document
out = {}
for path in sys.argv[1:]:
    try:
        layout = read_layout(open(path, 'rb').read(), name=path)
        document = limit_depth(build_document(layout))
        out[path] = [layout.model_dump_json(), document.model_dump_json()]
    except Exception as error:
        out[path] = f'{type(error).__name__}: {error}'
print(json.dumps(out, ensure_ascii=False))
"""


def read_all(python: str, files: list[str]) -> dict[str, str]:
    # -P: not the current folder on sys.path, or a checkout's python run from another checkout's
    # folder would import that folder's resparse and both sides would be the same code.
    command = [python, "-P", "-c", _READ_ALL, *files]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "samples"), str(ROOT / "tests")])
    parser.add_argument("--other", help="the other checkout's python")
    parser.add_argument("--load", help="compare against this saved side instead")
    parser.add_argument("--save", help="save the other side here")
    args = parser.parse_args()
    files = sorted(str(path) for folder in args.folders for path in Path(folder).rglob("*.pdf"))
    if args.load:
        theirs = json.loads(Path(args.load).read_text())
    else:
        theirs = read_all(args.other, files)
        if args.save:
            Path(args.save).write_text(json.dumps(theirs, ensure_ascii=False))
    ours = read_all(sys.executable, files)
    differ = [path for path in files if ours.get(path) != theirs.get(path)]
    for path in differ:
        print("DIFFERS", path)
    print(f"{len(files)} PDFs, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
