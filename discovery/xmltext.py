"""Writing feeds: every user-written string goes in as text or an attribute value, escaped by
ElementTree, after dropping what XML 1.0 cannot carry at all (control characters other than tab,
newline and carriage return; lone surrogates; U+FFFE and U+FFFF), which escaping cannot fix."""

import re
import xml.etree.ElementTree as ET

# Characters outside XML 1.0's Char production.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

ATOM = "http://www.w3.org/2005/Atom"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Prefixes for elements named {namespace}tag; an Atom feed itself declares its namespace as
# the default one on its root instead (xmlns), and names its elements plainly.
ET.register_namespace("atom", ATOM)
ET.register_namespace("itunes", ITUNES)


def xml_text(value) -> str:
    """A value as text XML 1.0 can hold."""
    return NOT_XML.sub("", str(value))


def add(parent: ET.Element, tag: str, text=None, /, **attributes) -> ET.Element:
    """A child element, its text and attribute values made fit for XML 1.0."""
    element = ET.SubElement(
        parent, tag, {name: xml_text(value) for name, value in attributes.items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def document(root: ET.Element) -> bytes:
    """The whole document, UTF-8 with its declaration."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
