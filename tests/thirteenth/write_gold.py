#!/usr/bin/env python3
"""The thirteenth set's gold, written by hand as Python; writes gold/MNNN.json.

Numbers, addressees, terms, names in the nominative, findings, signatories and abbreviations were
typed from the documents before resparse was run on them; a point's words are looked up by their
first words (goldtext.t) in the documents' text. Run: python3 tests/thirteenth/write_gold.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import gold_a  # noqa: E402
import gold_b  # noqa: E402
from goldkit import write  # noqa: E402

for make in gold_a.ALL + gold_b.ALL:
    make()
write(HERE)
