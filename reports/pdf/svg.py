"""Make a chart from another app safe and legible in a PDF.

The data hub draws its own charts. Before one goes into a report it is parsed as XML,
stripped to drawing elements (no script, no foreign objects, no external references,
no event handlers), and every ``<text>`` is given the report's font stack, since
WeasyPrint does not carry the page's fonts into SVG; Arabic labels are shaped and put in
visual order, since WeasyPrint draws SVG text one character at a time (``reports.pdf.shaping``).
"""

from lxml import etree

from reports.pdf.fonts import SVG_SANS
from reports.pdf.shaping import has_arabic, visual

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALLOWED = {
    "svg", "g", "defs", "title", "desc", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
    "text", "tspan", "clipPath", "linearGradient", "radialGradient", "stop", "use", "symbol", "marker", "pattern",
}
TEXT_ELEMENTS = {"text", "tspan"}


class UnsafeSvg(ValueError):
    """The chart is not well-formed SVG."""


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def clean_svg(svg: str, *, font_family: str = SVG_SANS) -> str:
    """``svg`` reduced to drawing elements, with the report's fonts named on its text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(svg.strip().encode(), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeSvg(str(exc)) from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeSvg("the chart declares a document type (entities are not allowed)")
    if _local(root.tag) != "svg":
        raise UnsafeSvg("the chart's root element is not <svg>")
    for element in list(root.iter()):
        if element is not root and _local(element.tag) not in ALLOWED:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname.lower()
            value = element.attrib[name].strip()
            handler = local.startswith("on")
            outside_link = local == "href" and not value.startswith("#")
            outside_url = "url(" in value and "url(#" not in value.replace(" ", "")
            if handler or outside_link or outside_url:
                del element.attrib[name]
        if _local(element.tag) in TEXT_ELEMENTS:
            element.set("font-family", font_family)
            if element.attrib.pop("direction", "ltr").strip() == "rtl":
                # WeasyPrint reverses and unjoins Arabic in SVG text marked direction="rtl", while
                # its text shaping already orders it right: drop the attribute and keep the label
                # where it was meant to be by flipping the anchor (its start is on the right in RTL).
                anchor = element.get("text-anchor", "start")
                element.set("text-anchor", {"start": "end", "end": "start"}.get(anchor, anchor))
            # WeasyPrint draws SVG text character by character: Arabic must come shaped and in
            # visual order (reports.pdf.shaping).
            if element.text and has_arabic(element.text):
                element.text = visual(element.text)
            if "style" in element.attrib and "font-family" in element.attrib["style"]:
                element.attrib["style"] = ";".join(
                    part for part in element.attrib["style"].split(";") if "font-family" not in part
                )
    root.set("role", "img")
    return etree.tostring(root, encoding="unicode")
