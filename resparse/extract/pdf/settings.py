"""Every threshold of the PDF reader, in one typed object (pdfplumber's ``TableSettings`` style).

Lengths are in points (1/72 inch) unless the field name says ems (multiples of the line's
font size) or pixels. The text layer and a scan go through the same rules with the same
numbers; a scan only gets wider *position* tolerances (:data:`SCAN`), since OCR boxes are
ink boxes good to a pixel or two, where a text layer's positions are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["SCAN", "SETTINGS", "Settings"]

_CM = 72 / 2.54


@dataclass(frozen=True)
class Settings:
    """Thresholds of the PDF reader; see the module docstring for the units."""

    # --- words and lines -------------------------------------------------------------------
    char_x_tolerance: float = 3.0
    """A character further right of the previous one than this starts a new word."""
    char_y_tolerance: float = 3.0
    """A character whose top differs from the previous one's by more starts a new word."""
    word_run_em: float = 0.8
    """A run of characters wider than this many ems per character may hide a jump: it is
    split character by character rather than taken as one word."""
    line_overlap: float = 0.5
    """A word joins a line when it overlaps the line's band by this share of the smaller height."""
    word_space_em: float = 0.08
    """Words closer than this (ems) touch: split only by a change of font, joined without a space."""
    tab_min_em: float = 2.0
    """A tab gap is at least this many ems wide."""
    tab_alone_em: float = 6.0
    """A gap this many ems wide is a tab even when the line has no other gap to compare with."""
    tab_over_typical: float = 3.0
    """… otherwise it must be this many times the line's typical gap."""
    justified_ratio: float = 1.25
    """Three or more gaps within this ratio of each other are spaces stretched alike."""
    justified_pair_em: float = 0.1
    """Two gaps this close (in ems) are the two spaces of a three-word justified line."""
    space_floor_em: float = 0.2
    """The narrowest a line's typical gap is taken to be (tightly set lines)."""
    default_size: float = 10.0
    """The font size assumed for a line that has none (ems of unknown size)."""

    # --- page geometry and paragraphs ------------------------------------------------------
    align: float = 3.0
    """Two lines "start at the same x" when their left edges differ by at most this."""
    centre_tolerance: float = 5.0
    """A centred line's middle is at most this far from the middle of the text measure."""
    common_start: float = 0.25
    """Lines starting within this of each other start at "the same x" for :attr:`common_start_lines`."""
    common_start_lines: int = 4
    """An x where this many lines of the document start is a margin or an indent: a line
    starting there is not centred, however it sits."""
    pitch_range: tuple[float, float] = (0.8, 2.0)
    """Line pitches (as multiples of the font size) that count towards the normal pitch."""
    default_pitch: float = 1.2
    """The normal pitch when no two lines of a size follow each other."""
    paragraph_gap: float = 1.4
    """A pitch this many times the normal one separates paragraphs (spacing before/after)."""
    blank_gap: float = 1.8
    """A pitch this many times the normal one also yields an empty separator paragraph."""
    invisible_table_pitch: float = 1.4
    """Rows of an invisible (tab-separated) table are at most this many normal pitches apart."""
    space_em: float = 0.25
    """A space, in ems of the line's font size (for "would the next word have fitted")."""
    fit_slack: float = 1.0
    """A word "fits" when it ends at least this far before the right margin."""
    size_change: float = 0.5
    """Font sizes differing by more than this are a change of style."""
    marker_cluster: float = 4.0
    """Markers of one kind whose x differ by at most this are at the same list level."""
    indent_max: float = 2.5 * _CM
    """The widest first-line indent (the usual one is 1.25 cm); wider steps are columns."""
    full_lines: int = 2
    """Lines ending at the same rightmost x that make it the right margin (not a table's edge)."""
    caps_letters: int = 2
    """A line is in capitals when it has at least this many letters, all upper case."""

    # --- running headers and footers -------------------------------------------------------
    running_band: float = 0.12
    """Share of the page height at the top and bottom where running headers and footers live."""
    running_edge_lines: int = 2
    """How many lines at each end of a page may be a running header or footer."""
    running_position: float = 4.0
    """Repeated lines are "at the same place" when their tops round alike to this step."""

    # --- tables ----------------------------------------------------------------------------
    min_edges: int = 4
    """A page with fewer ruling edges holds no ruled table."""
    grid_snap: float = 3.0
    """Tolerance (about 1 mm) for ruling lines meeting and for two lines being one grid edge."""
    axis_slope: float = 0.5
    """A segment is horizontal (vertical) when its ends differ by less than this in y (x)."""
    min_edge: float = 1.0
    """Shorter ruling segments are dots, not edges."""
    edge_cluster: float = 2.0
    """Cell edges closer than this are one grid column edge."""
    tall_cell: float = 2.0
    """A cell box reaching this far below its row's bottom is merged into the rows below."""
    page_border_share: float = 0.5
    """A "cell" covering this share of the page is a page border, not a table."""
    column_match: float = 3.0
    """A piece on the next page continues a table when its column edges are this close."""
    header_similarity: float = 0.85
    """A piece's first rows repeat the header when their texts are this similar (OCR noise)."""
    column_align: float = 4.0
    """Parts of one invisible-table column share their left or right edge within this."""

    # --- OCR: rendering, ruling lines in pixels, words --------------------------------------
    ocr_dpi: float = 300.0
    """Resolution a page is rendered at when it is not one scanned image of known resolution."""
    ocr_scan_dpi: tuple[float, float] = (199.0, 400.0)
    """A scan's own resolution is used when within this range (a finer one is reduced to the top)."""
    ocr_scan_cover: float = 0.5
    """An image covering this share of the page makes the page a scan."""
    ocr_max_pixels: int = 50_000_000
    """Largest page image rendered (A4 at 300 dpi is 8.7 Mpx); poster-sized pages get fewer dpi."""
    ocr_workers: int = 4
    """Tesseract processes run at once, at most (and at most one per CPU core)."""
    ocr_dark: int = 160
    """Grey level below which a pixel is ink."""
    ocr_min_horizontal: float = 36.0
    """Shortest horizontal ruling: half an inch, longer than any run inside a letter."""
    ocr_min_vertical: float = 9.0
    """Shortest vertical ruling; letter strokes this tall are refused for not meeting lines."""
    ocr_run_gap: int = 2
    """Runs of ink this many pixel rows apart, overlapping, are one (thick) line."""
    ocr_meet: float = 1.5
    """How close a vertical line's end comes to the horizontal line it stops at."""
    ocr_erase: float = 1.2
    """Half the width painted white over a ruling line before OCR (scanned lines are ~2 pt)."""
    ocr_short_cell: int = 6
    """Cells with at most this many characters after the first pass are read again on their own."""
    ocr_min_ink: int = 12
    """Ink pixels below which a cell crop is blank (specks)."""
    ocr_min_crop: int = 4
    """Cell crops narrower or shorter than this many pixels are not read again."""
    ocr_strip_pad: float = 8.0
    """White space between the cell crops stacked into one strip for the second reading."""
    ocr_noise_confidence: float = 50.0
    """A "word" without letters or digits below this confidence is a speck, not text."""
    ocr_line_jump: float = 0.6
    """A Tesseract line whose word's middle is this many word heights off its left
    neighbour's swallowed a word of another line: its words are grouped by their boxes."""
    ocr_dash_flat: float = 0.25
    """An "=" whose ink box is at most this share as tall as wide is one stroke: a dash."""
    ocr_low_confidence: float = 60.0
    """A page whose mean word confidence is below this gets a warning."""
    ocr_confidence_words: int = 5
    """… when it has at least this many words."""
    ocr_bold_rescale: float = 0.05
    """Word crops are rescaled to 300 dpi for the bold test when the scale is off by more."""
    ocr_bold_erosion: int = 5
    """Size of the erosion filter (pixels at 300 dpi) a bold stroke survives."""
    ocr_bold_floor: float = 0.17
    """A word is bold when at least this share of its ink survives erosion …"""
    ocr_bold_over_median: float = 1.8
    """… and this many times the page's median share (a page set in bold as a whole)."""
    ocr_cyrillic_majority: float = 2.0
    """Text with this many times more Cyrillic than Latin letters gets stray Latin letters Cyrillic."""
    ocr_skew_dpi: float = 100.0
    """Resolution of the reduced copy a page's skew is measured on (a 0.1° turn moves its
    far side about a pixel)."""
    ocr_skew_max: float = 3.0
    """Largest skew looked for, in degrees either way (a sheet laid by hand: 0.3–1.5°)."""
    ocr_skew_coarse: float = 0.25
    """Step of the first sweep over candidate angles, in degrees."""
    ocr_skew_fine: float = 0.05
    """Step of the second sweep, around the best of the first."""
    ocr_skew_min: float = 0.1
    """A page skewed less than this (degrees) is left as it is: turning costs a little sharpness."""
    ocr_skew_gain: float = 0.02
    """The best angle must make the row profile this share more peaked than no turn at all."""
    ocr_speck_reach: float = 1.0
    """Reach of the square around an ink pixel where :func:`.ocr_image.despeckle` measures ink."""
    ocr_speck_share: float = 0.12
    """An ink pixel with less ink than this share of that square around it is a speck."""
    ocr_skew_min_ink: float = 0.002
    """A page with less ink than this share of its pixels has no profile to measure."""
    ocr_probe_seconds: float = 30.0
    """How long ``tesseract --list-langs`` may take."""
    ocr_em_per_height: float = 1.5
    """A recognised line's font size is this many times its median word height (ink box)."""
    ocr_size_snap: float = 0.5
    """Line sizes within this share of the page's usual size are that size (ink boxes vary
    with the letters: a short line of capitals and descenders looks a third larger)."""


SETTINGS = Settings()
"""The settings of a text layer."""

SCAN = replace(
    SETTINGS,
    word_space_em=-1.0,
    common_start=0.75,
    fit_slack=3.0,
    running_position=10.0,
    column_match=6.0,
)
"""The settings of a scan read by OCR: the same rules; positions only good to a pixel or two,
and words are Tesseract's (two of them never touch: ``word_space_em`` below zero)."""
