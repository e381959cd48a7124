#!/usr/bin/env python3
"""The sixth set's gold, written by hand as Python (gold_a … gold_d); writes gold/FNNN.json.

Every string there was typed from the document, never copied from resparse output.
Run from the project root: python3 tests/sixth/write_gold.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import gold_a  # noqa: E402, F401 (each module adds its documents)
import gold_b  # noqa: E402, F401
import gold_c  # noqa: E402, F401
import gold_d  # noqa: E402, F401
from goldkit import write  # noqa: E402

if __name__ == "__main__":
    write(HERE)
