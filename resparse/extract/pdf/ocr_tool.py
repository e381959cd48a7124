"""The ``tesseract`` command line tool: finding it, running it on an image, reading its words.

Tesseract runs as a subprocess — no Python binding to install — with ``OMP_THREAD_LIMIT=1``
(its OpenMP threads make one page several times *slower* on a small machine; pages are read
in parallel instead, one process each), Russian and English models, ``--psm 4`` (a single
column of lines of variable size, which keeps table rows as lines too), its TSV output
parsed into words (:func:`parse_tsv`). Bold is estimated from stroke width
(:func:`mark_bold`), and Tesseract's usual confusions in Russian text are undone
(:func:`fix_ocr_text`).
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, replace

from PIL import Image, ImageFilter

from resparse.errors import ToolMissingError
from resparse.extract.pdf.settings import SETTINGS

__all__ = [
    "MISSING_RUSSIAN",
    "MISSING_TESSERACT",
    "NUMBER_HEADER",
    "OcrWord",
    "PageFailed",
    "find_tesseract",
    "fix_ocr_text",
    "is_number_header",
    "mark_bold",
    "parse_tsv",
    "run_tesseract",
    "tesseract_languages",
]

MISSING_TESSERACT = "OCR needs Tesseract: install the Debian packages tesseract-ocr tesseract-ocr-rus"
MISSING_RUSSIAN = "OCR needs Tesseract's Russian model: install the Debian package tesseract-ocr-rus"


def find_tesseract() -> str:
    """Path of the ``tesseract`` program; :class:`ToolMissingError` naming the packages if absent."""
    found = shutil.which("tesseract")
    if not found:
        raise ToolMissingError(MISSING_TESSERACT)
    return found


@functools.lru_cache(maxsize=4)
def tesseract_languages(tesseract: str) -> str:
    """The ``-l`` argument: "rus+eng" (English for Latin names and acronyms), or "rus" alone."""
    try:
        listed = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=SETTINGS.ocr_probe_seconds, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolMissingError(MISSING_TESSERACT) from error
    languages = {line.strip() for line in listed.splitlines()[1:]}
    if "rus" not in languages:
        raise ToolMissingError(MISSING_RUSSIAN)
    return "rus+eng" if "eng" in languages else "rus"


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; its box is in pixels while the page is read, then in points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 100.0
    bold: bool = False
    line: tuple[int, int, int] = (0, 0, 0)
    """Tesseract's block, paragraph and line numbers (zeros when unknown)."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class PageFailed(Exception):
    """Tesseract exited with an error on one page; the other pages are still read."""


def run_tesseract(
    image: Image.Image, tesseract: str, languages: str, dpi: float, timeout: float, psm: int = 4
) -> list[OcrWord]:
    """Words Tesseract finds in ``image`` (sent as PGM on stdin, TSV read from stdout)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    command = [tesseract, "-", "-", "-l", languages, "--psm", str(psm), "--dpi", str(round(dpi)), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout, env=env)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PageFailed(message[-1][:120] if message else f"exit status {done.returncode}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Word rows (level 5) of Tesseract's TSV output; noise without letters or digits is dropped."""
    words: list[OcrWord] = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        try:
            block, paragraph, number = (int(v) for v in parts[2:5])
            left, top, width, height = (int(v) for v in parts[6:10])
            conf = float(parts[10])
        except ValueError:
            continue
        text = _dash(parts[11].strip(), width, height, conf)
        if not text or (
            not any(ch.isalnum() for ch in text)
            and conf < SETTINGS.ocr_noise_confidence
            and text not in "-–—•·"
        ):
            continue
        words.append(
            OcrWord(text, left, top, left + width, top + height, conf, line=(block, paragraph, number))
        )
    return words


def _dash(text: str, width: int, height: int, conf: float) -> str:
    """A dash's ink is a flat stroke: "=" so flat is a dash, a doubtful "dash" taller than wide is nothing.

    Tesseract reads a blurred en dash opening a list line as "=", and puts phantom dashes
    (tall, narrow boxes of nothing, of low confidence) into the wide gaps of justified lines.
    """
    if text == "=" and height <= SETTINGS.ocr_dash_flat * width:
        return "–"
    if text and all(ch in "-–—" for ch in text) and height > width and conf < SETTINGS.ocr_noise_confidence:
        return ""
    return text


def mark_bold(image: Image.Image, words: list[OcrWord], unit: float) -> list[OcrWord]:
    """Mark words whose strokes are thick: a good share of their ink survives erosion.

    Each word is scaled to 300 dpi, where a regular 12–14 pt stem is 4–5 px wide and all
    but vanishes under a 2-pixel erosion, while a bold one (7–9 px) keeps about a third.
    The threshold adapts to a page set in bold as a whole: the median word is regular.
    """
    ratios: list[float] = []
    factor = SETTINGS.ocr_dpi / 72 / unit
    for word in words:
        crop = image.crop((int(word.x0), int(word.top), int(word.x1), int(word.bottom)))
        if abs(factor - 1) > SETTINGS.ocr_bold_rescale:
            crop = crop.resize((max(1, round(crop.width * factor)), max(1, round(crop.height * factor))))
        crop = crop.point(lambda v: 0 if v < SETTINGS.ocr_dark else 255)
        ink = crop.histogram()[0]
        kept = crop.filter(ImageFilter.MaxFilter(SETTINGS.ocr_bold_erosion)).histogram()[0] if ink else 0
        ratios.append(kept / ink if ink else 0.0)
    if not ratios:
        return words
    threshold = max(SETTINGS.ocr_bold_floor, SETTINGS.ocr_bold_over_median * statistics.median(ratios))
    return [replace(word, bold=ratio >= threshold) for word, ratio in zip(words, ratios, strict=True)]


# --------------------------------------------------------------------------- text fixes

_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxyk", "АаВСсЕеНКМОоРрТХхук")
_LONE_LATIN = re.compile(r"(?<![^\W\d_])[AaBCcEeHKMOoPpTXxyk](?![^\W\d_])")
_MIXED_WORD = re.compile(r"[^\W\d_]*[A-Za-z][^\W\d_]*")
_ZE_AS_THREE = re.compile(r"(?<=\d[-–—])З|(?<=\d [-–—] )З|(?<![^\W\d_])З(?=\d|[.)](?:\s|$))")
_DIGIT_WORD = re.compile(r"(?<=\d)(?=[а-яё]{3,})")
_ROUND_BULLET = re.compile(r"^(?:[®©°¢●○◦]|[еe](?=\s+[А-ЯЁA-Z«\"]))(?=\s)")
_DOUBLE_DASH = re.compile(r"(?<=\d)\s*[-–—]{2,}\s*(?=[\dЗ])")
_LATIN_WORD = re.compile(r"(?<![\w-])[AaBCcEeHKMOoPpTXxyk]{2,}(?![\w-])")
_LOWER_UPPER = re.compile(
    r"(?<![\w-])[aceopxyk][AaBCcEeHKMOoPpTXxyk]*[ABCEHKMOPTX][AaBCcEeHKMOoPpTXxyk]*(?![\w-])"
)
_ROMAN = re.compile(r"[IVXLCDM]+")
_NUMBER_SIGN = re.compile(
    r"(?:(?<=\d\d\d\d )|(?<=\d\d\d\d г\. )|(?<=\d\d\d\d года )|(?<=^)|(?<=\t))"
    r"(?:[МM][еeоo]?|N[еeоo]?)\s?(?=\d)"
)
_NUMBER_HEADER = re.compile(r"[NМM№][оoеe]?\s*[пnшл]?\s*[/|\\]?\s*[пnшл]")
NUMBER_HEADER = "№ п/п"
"""The number column's header in Russian tables."""


def fix_ocr_text(text: str) -> str:
    """Undo Tesseract's usual confusions in Russian text.

    With English loaded next to Russian, a lone "с" or "В" may come out Latin, and a word
    may mix both alphabets ("Coюз"); in a Cyrillic text such letters are turned Cyrillic.
    A word of Latin letters that all have Cyrillic twins ("KCOPC", "oT") is Cyrillic too in
    such a text, unless it is a Roman numeral ("XX", "CM"); in any text when it opens in
    small letters and goes on in capitals ("oT" is "от": no Latin word is written so).
    The number sign "№" comes out "М", "Ме", "N" or "No": before a number, after a year
    or opening the text, it is "№".
    A round bullet opening a line often comes out as "®", "©", "°" or a lone "е" before a
    capital: it is "•" again.
    "З" (Ze) next to digits is the digit 3 ("2-Зквартал"), a digit glued to a word gets
    its space back ("3квартал" → "3 квартал"), and a doubled dash between digits is one.
    """
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    if cyrillic > SETTINGS.ocr_cyrillic_majority * latin:
        text = _LONE_LATIN.sub(_cyrillic_letter, text)
        text = _MIXED_WORD.sub(_cyrillic_word, text)
        text = _LATIN_WORD.sub(_cyrillic_twins, text)
    text = _LOWER_UPPER.sub(_cyrillic_twins, text)
    text = _NUMBER_SIGN.sub("№ ", text)
    text = _ROUND_BULLET.sub("•", text)
    text = _DOUBLE_DASH.sub("-", text)
    text = _ZE_AS_THREE.sub("3", text)
    return _DIGIT_WORD.sub(" ", text)


def is_number_header(text: str) -> bool:
    """Whether a table's first header cell is "№ п/п" as Tesseract reads it ("Мпп", "Non")."""
    return _NUMBER_HEADER.fullmatch(text.strip()) is not None


def _cyrillic_twins(match: re.Match[str]) -> str:
    """A Latin word whose letters all look Cyrillic, in a Cyrillic text: Cyrillic, but for Roman numerals."""
    word = match.group()
    if _ROMAN.fullmatch(word):
        return word
    cyrillic = word.translate(_LATIN_TO_CYRILLIC)
    return cyrillic.lower() if word[0].islower() else cyrillic


def _cyrillic_letter(match: re.Match[str]) -> str:
    """A lone Latin letter is a Cyrillic one-letter word: "с", "в", "к", "о", "у"...

    Mid-sentence (after a lower-case word or a comma) it is a lower-case preposition,
    whatever case Tesseract guessed from the glyph alone.
    """
    letter = match.group().translate(_LATIN_TO_CYRILLIC)
    before = match.string[: match.start()].rstrip()
    return letter.lower() if before and (before[-1].islower() or before[-1] == ",") else letter


def _cyrillic_word(match: re.Match[str]) -> str:
    """A word mixing alphabets is Cyrillic when its Latin letters all have Cyrillic twins."""
    word = match.group()
    if not any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in word):
        return word  # a Latin word ("IT", "Grant") stays
    converted = word.translate(_LATIN_TO_CYRILLIC)
    return converted if not any("a" <= ch.lower() <= "z" for ch in converted) else word
