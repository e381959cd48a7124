"""The batch forkserver's warm-up: what workers inherit instead of building each for itself."""

from __future__ import annotations

import subprocess
import sys

from resparse.batch import contexts


def _in_fresh_interpreter(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip()


def test_the_forkserver_preloads_the_warm_up() -> None:
    assert contexts.PRELOAD[-1] == "resparse.batch.warm"


def test_warm_up_loads_morphology_patterns_and_readers_and_freezes_them() -> None:
    out = _in_fresh_interpreter(
        "import gc, sys\n"
        "import resparse.batch.warm\n"
        "from resparse.extract import convert\n"
        "from resparse.structure import item_terms, morph\n"
        "print(convert._WARM, morph.analyzer.cache_info().currsize, item_terms._item_patterns.cache_info().currsize,\n"
        "      gc.get_freeze_count() > 0, 'resparse.extract.docx' in sys.modules)"
    )
    assert out == "True 1 1 True True"


def test_a_broken_reader_or_pipeline_does_not_stop_the_warm_up() -> None:
    out = _in_fresh_interpreter(
        "import sys\n"
        "sys.modules['resparse.extract.html'] = None  # a reader that fails to import\n"
        "import resparse.pipeline\n"
        "resparse.pipeline.extract = lambda *args, **kwargs: 1 / 0  # a rule that fails\n"
        "import resparse.batch.warm\n"
        "from resparse.structure import item_terms\n"
        "print('alive', item_terms._item_patterns.cache_info().currsize)"
    )
    assert out == "alive 1"  # the cached patterns are still built
