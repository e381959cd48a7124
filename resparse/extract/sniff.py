"""Decide a file's format from its bytes, never from its name.

A PDF named ``.docx`` is read as a PDF; a PNG named ``.pdf`` is refused with the reason
"not a document (looks like PNG image)".
"""

from __future__ import annotations

import io
import zipfile

from resparse.errors import EmptyFileError, EncryptedFileError, UnsupportedFormatError

_IMAGES = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"BM": "BMP image",
}
_OTHER = {
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"\x7fELF": "executable",
    b"MZ": "Windows executable",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

TEXT_FORMATS = ("txt", "md")
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
"""Control characters no text file holds (tab, line feed, form feed, carriage return are fine)."""


def sniff(data: bytes, name: str = "") -> str:
    """Return "pdf", "docx", "odt", "doc", "rtf", "html", "txt" or "md"; raise if none fits."""
    if not data.strip():
        raise EmptyFileError("file is empty")
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"EncryptedPackage" in data:
            raise EncryptedFileError("document is password-protected")
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "html"
    for magic, what in {**_IMAGES, **_OTHER}.items():
        if head.startswith(magic):
            raise UnsupportedFormatError(f"not a document (looks like {what})")
    if _looks_binary(head):
        raise UnsupportedFormatError("not a document (looks like binary data)")
    return "md" if name.lower().endswith((".md", ".markdown")) else "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.text" in mimetype:
                    return "odt"
                if b"epub" in mimetype:
                    raise UnsupportedFormatError("not a document (looks like an EPUB e-book)")
                if b"opendocument" in mimetype:
                    raise UnsupportedFormatError(
                        "not a text document (an OpenDocument spreadsheet or slides)"
                    )
            for prefix, what in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint presentation")):
                if any(n.startswith(prefix) for n in names):
                    raise UnsupportedFormatError(f"not a document (looks like {what})")
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return "docx"
    except zipfile.BadZipFile:
        return "docx"  # a truncated DOCX: let the DOCX reader say what is wrong
    raise UnsupportedFormatError("a ZIP archive, not a document (use `resparse batch` for archives)")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a BOM
    if b"\x00" in head:
        # UTF-16 without BOM has a NUL in every other byte; other binary has them at random.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return not (odd > len(head) * 0.4 or even > len(head) * 0.4)
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control > len(head) * 0.05
