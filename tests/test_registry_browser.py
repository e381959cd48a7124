"""The registry's HTML report in a real headless Chromium: rows and timeline render, the filter
works, and a screenshot comes out. Skipped where Chromium is not installed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from registry_support import AS_OF, SAMPLES

from resparse.pipeline import extract
from resparse.registry.report import write_report
from resparse.registry.store import Store

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    None,
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
]
BROWSER_SECONDS = 90
"""How long one headless Chromium run may take on a busy machine."""


def chromium(page: Path, fragment: str, tmp_path: Path, *extra: str) -> str:
    """Load ``page#fragment`` in headless Chromium with ``extra`` switches; its stdout."""
    args = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        *extra,
        page.as_uri() + fragment,
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=BROWSER_SECONDS, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    with Store(root / "r.sqlite") as store:
        for name in ("002_8a20071a4967c9a1.docx", "003_2845198f4ac59122.docx", "004_493f23bf5003ad19.docx"):
            store.add(extract(SAMPLES / name))
        store.settle_names()
        write_report(store, root / "report.html", dt.date.fromisoformat(AS_OF), 14)
        write_report(store, root / "later.html", dt.date(2035, 1, 1), 14)
        total = store.db.execute("SELECT count(*) FROM obligations").fetchone()[0]
    assert total > 50
    return root / "report.html"


def rows_in(dom: str) -> list[str]:
    return re.findall(r'<tr class="ob ([\w-]+)"', dom)


def test_rows_and_the_timeline_render(page, tmp_path):
    dom = chromium(page, "", tmp_path, "--dump-dom")
    statuses = rows_in(dom)
    assert len(statuses) == int(re.search(r"показано (\d+) из (\d+)", dom).group(2)) > 50
    assert "overdue" in statuses and "open-ended" in statuses
    timeline = re.search(r'<table id="timeline-table">.*?</table>', dom, re.S).group()
    assert 'class="n late"' in timeline  # overdue deadlines marked in their month
    assert "Комитет общественных коммуникаций Ленинградской области" in timeline
    assert re.search(r'<tr id="doc-0">', dom) and 'href="#doc-' in dom  # each row links to its document


def test_deadlines_long_before_the_as_of_date_share_one_column(page, tmp_path):
    dom = chromium(page.with_name("later.html"), "", tmp_path, "--dump-dom")
    timeline = re.search(r'<table id="timeline-table">.*?</table>', dom, re.S).group()
    assert re.findall(r'<th class="m">([^<]+)</th>', timeline) == ["раньше"]
    assert sum(int(n) for n in re.findall(r'<td class="n late"[^>]*>(\d+)</td>', timeline)) > 20


@pytest.mark.parametrize(
    ("fragment", "check"),
    [
        ("#status=overdue", lambda statuses, dom: set(statuses) == {"overdue"}),
        ("#q=" + "семинар", lambda statuses, dom: 0 < len(statuses) < 10),
        ("#org=" + "администрация муниципального образования город Белогорск",
         lambda statuses, dom: statuses == ["open-ended"]),
    ],
)  # fmt: skip
def test_the_filter_narrows_the_rows(page, tmp_path, fragment, check):
    dom = chromium(page, fragment, tmp_path, "--dump-dom")
    statuses = rows_in(dom)
    shown = re.search(r"показано (\d+) из (\d+)", dom)
    assert int(shown.group(1)) == len(statuses) < int(shown.group(2))
    assert check(statuses, dom)


def test_a_screenshot_of_the_report(page, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    chromium(page, "", tmp_path, f"--screenshot={shot}", "--window-size=1400,1800", "--hide-scrollbars")
    with Image.open(shot) as image:
        assert image.format == "PNG" and image.size == (1400, 1800)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert shot.stat().st_size > 30_000 and len(colours) > 50  # text, tables and highlights, not a blank page
    reds = sum(count for count, (r, g, b) in colours if r > 200 and g < 215 and b < 215 and r - g > 30)
    assert reds > 500  # overdue rows and timeline cells are highlighted
