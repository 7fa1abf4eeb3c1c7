"""The words inside a document, for search: PDF with pypdf, DOCX and ODT from their XML (a zip
of XML files; no other library needed). A file that cannot be read gives no text, never an
error: the document is kept and marked "no searchable text"."""

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
# Inside the zip: the one XML member that holds the body text.
XML_MEMBER = {DOCX: "word/document.xml", ODT: "content.xml"}
# A zip member that unpacks past this is a zip bomb, not a strategy.
MAX_XML_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 300
# Paragraph elements: a line break after each keeps words of two paragraphs apart.
PARAGRAPHS = {
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p",
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}h",
}


def extract_text(content: bytes, content_type: str) -> str:
    try:
        if content_type == PDF:
            text = _pdf_text(content)
        elif content_type in XML_MEMBER:
            text = _xml_text(content, XML_MEMBER[content_type])
        else:
            return ""
    except Exception as error:  # noqa: BLE001 — any broken file: no text, the file is kept
        logger.info("no text extracted (%s): %s", content_type, error)
        return ""
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()[:MAX_TEXT_CHARS]


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    parts = []
    for page in reader.pages[:MAX_PDF_PAGES]:
        parts.append(page.extract_text() or "")
        if sum(len(part) for part in parts) > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _xml_text(content: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            return ""
        with archive.open(info) as handle:
            xml = handle.read(MAX_XML_BYTES + 1)
    if len(xml) > MAX_XML_BYTES:
        return ""
    root = ElementTree.fromstring(xml)  # noqa: S314 — expat expands no external entities
    # A paragraph's text is all the text inside it (runs, spans, links) joined.
    lines = (
        "".join(paragraph.itertext()) for paragraph in root.iter() if paragraph.tag in PARAGRAPHS
    )
    return "\n".join(line for line in lines if line.strip())
