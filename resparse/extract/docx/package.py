"""The DOCX package: a ZIP whose XML parts are read through one gate with every cap applied.

Each part is decompressed no further than ``limits.max_part_bytes`` (a ZIP header can lie about
sizes), refused when it carries a DTD (OOXML forbids them; they only serve billion-laughs and XXE
attacks) and parsed with entity resolution and network access off, so a hostile package fails
with one line instead of exhausting memory.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from resparse.errors import CorruptFileError, LimitExceededError
from resparse.extract.docx.tags import W_NS
from resparse.limits import Limits, read_capped, size_words

_STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_DTD_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_DAMAGED_PART = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


class Package:
    """The ZIP package, read only through :meth:`read`, which bounds every part's size."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
            raise CorruptFileError("damaged DOCX (not a complete ZIP package)") from error
        self._limits = limits
        self._infos = {info.filename.lstrip("/").lower(): info for info in infos}
        self._parser = _parser()

    def has(self, name: str) -> bool:
        return name.lower() in self._infos

    def read(self, name: str) -> bytes:
        """Decompress one part, stopping as soon as it grows past the limit (headers can lie)."""
        info = self._infos[name.lower()]
        limit = self._limits.max_part_bytes
        refusal = f"DOCX part {name} expands beyond the {size_words(limit)} limit"
        if info.file_size > limit:
            raise LimitExceededError(refusal)
        try:
            with self._zip.open(info) as stream:
                return read_capped(stream, limit, refusal)
        except _DAMAGED_PART as error:
            raise CorruptFileError(f"damaged DOCX (part {name} cannot be decompressed)") from error

    def xml(self, name: str) -> etree._Element:
        """Parse one XML part safely: no DTD, no entities, no network, no huge trees."""
        return self.parse(name, self.read(name))

    def parse(self, name: str, data: bytes) -> etree._Element:
        """Parse the bytes of part ``name`` (from :meth:`read`) as :meth:`xml` does."""
        if any(mark in data for mark in _DTD_MARKS):
            raise CorruptFileError(f"DOCX part {name} contains a DTD (refused: possible XML bomb)")
        if _STRICT_W_NS in data:  # Strict Open XML: same vocabulary, another namespace
            data = data.replace(_STRICT_W_NS, W_NS.encode())
        try:
            root = etree.fromstring(data, self._parser)
        except etree.XMLSyntaxError as error:
            if "Excessive depth" in str(error):
                raise LimitExceededError(f"DOCX part {name} nests elements too deeply") from error
            raise CorruptFileError(f"DOCX part {name} is damaged (not well-formed XML)") from error
        except ValueError as error:
            raise CorruptFileError(f"DOCX part {name} is damaged (not well-formed XML)") from error
        if root.getroottree().docinfo.doctype:
            raise CorruptFileError(f"DOCX part {name} contains a DTD (refused: possible XML bomb)")
        return root

    def optional_xml(self, name: str | None) -> etree._Element | None:
        return self.xml(name) if name and self.has(name) else None

    def relations(self, part: str) -> dict[str, str]:
        """Relationship type (last path segment, e.g. "styles") → target part name (the first)."""
        targets: dict[str, str] = {}
        for kind, _, path in self._relations(part):
            targets.setdefault(kind, path)
        return targets

    def relation_ids(self, part: str) -> dict[str, str]:
        """Relationship id ("rId3") → target part name: how a section names its page headers."""
        return {ident: path for _, ident, path in self._relations(part)}

    def _relations(self, part: str) -> list[tuple[str, str, str]]:
        """(type, id, target part) of each internal relationship of ``part``."""
        folder, _, base = part.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        root = self.optional_xml(rels)
        found: list[tuple[str, str, str]] = []
        for relation in root if root is not None else ():
            target = relation.get("Target")
            if not target or relation.get("TargetMode") == "External":
                continue
            kind = (relation.get("Type") or "").rsplit("/", 1)[-1]
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found.append((kind, relation.get("Id") or "", posixpath.normpath(path)))
        return found

    def main_document(self) -> str:
        """The main document part: from the package relationships, else the usual name."""
        target = self.relations("").get("officeDocument", "word/document.xml")
        if not self.has(target):
            if self.has("word/document.xml"):
                return "word/document.xml"
            raise CorruptFileError(f"DOCX has no {target}")
        return target

    def pages(self) -> int | None:
        """Page count Word saved in docProps/app.xml; None when absent or zero."""
        name = self.relations("").get("extended-properties", "docProps/app.xml")
        root = self.optional_xml(name)
        if root is None:
            return None
        for element in root:
            if isinstance(element.tag, str) and etree.QName(element).localname == "Pages":
                try:
                    pages = int((element.text or "").strip())
                except ValueError:
                    return None
                return pages if pages > 0 else None
        return None
