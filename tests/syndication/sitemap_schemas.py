"""The sitemaps' official schemas (read from the shared folder, never copied), and a
walk of everything the index lists."""

import xml.etree.ElementTree as ET
from pathlib import Path

import xmlschema

from tests.conftest import SITE

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# The sitemap schema lets a <url> carry elements of other namespaces, strictly checked: the
# alternates (`xhtml:link`) need a declaration. Ours, as small as Google's form of them.
XHTML_LINK_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            targetNamespace="http://www.w3.org/1999/xhtml"
            elementFormDefault="qualified">
  <!-- An alternate version of the page: rel, its language tag, its address; nothing inside. -->
  <xsd:element name="link">
    <xsd:complexType>
      <xsd:attribute name="rel" use="required">
        <xsd:simpleType>
          <xsd:restriction base="xsd:string"><xsd:enumeration value="alternate"/></xsd:restriction>
        </xsd:simpleType>
      </xsd:attribute>
      <xsd:attribute name="hreflang" type="xsd:language" use="required"/>
      <xsd:attribute name="href" type="xsd:anyURI" use="required"/>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"""


class Schemas:
    def __init__(self, shared_dir: Path, tmp: Path) -> None:
        xsd = shared_dir / "xsd"
        xhtml = tmp / "xhtml-link.xsd"
        xhtml.write_text(XHTML_LINK_XSD)
        self.index = xmlschema.XMLSchema(str(xsd / "siteindex.xsd"))
        self.urlset = xmlschema.XMLSchema(str(xsd / "sitemap.xsd"), build=False)
        self.urlset.import_schema("http://www.google.com/schemas/sitemap-image/1.1", str(xsd / "sitemap-image.xsd"))
        self.urlset.import_schema("http://www.google.com/schemas/sitemap-news/0.9", str(xsd / "sitemap-news.xsd"))
        self.urlset.import_schema("http://www.w3.org/1999/xhtml", str(xhtml))
        self.urlset.build()

    def check(self, content: bytes) -> ET.Element:
        """The document, once its schema has found it valid (raises otherwise)."""
        root = ET.fromstring(content)  # noqa: S314 (our own output)
        schema = self.index if root.tag == SITEMAP + "sitemapindex" else self.urlset
        schema.validate(content.decode())
        return root


def path_of(url: str) -> str:
    assert url.startswith(SITE + "/"), url
    return url[len(SITE) :]


def locs(root: ET.Element) -> list[str]:
    return [loc.text or "" for loc in root.iter(SITEMAP + "loc")]


def sitemap(client, schemas: Schemas, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return schemas.check(response.content)


def walk(client, schemas: Schemas) -> dict[str, ET.Element]:
    """Every child the index lists, each valid; every page they list answers 200, no redirect.
    Returns the children by path."""
    index = sitemap(client, schemas, "/sitemap.xml")
    children = {}
    for child in locs(index):
        path = path_of(child)
        children[path] = root = sitemap(client, schemas, path)
        for url in root.iter(SITEMAP + "url"):
            page = path_of(url.findtext(SITEMAP + "loc"))
            status = client.get(page).status_code
            assert status == 200, (path, page, status)
    return children
