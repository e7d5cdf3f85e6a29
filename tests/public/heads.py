"""A page read as search engines and link previews read it: its <head>'s links and meta
tags, and the JSON-LD scripts, split where an HTML parser ends them."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    links: list[dict[str, str]] = field(default_factory=list)  # in <head>
    metas: list[dict[str, str]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # the text of each ld+json script
    body_links: list[dict[str, str]] = field(default_factory=list)  # <a> in the footer

    def meta(self, key: str) -> list[str]:
        """The content of every meta tag whose property or name is `key`."""
        return [m.get("content", "") for m in self.metas if key in (m.get("property"), m.get("name"))]

    def one(self, key: str) -> str:
        found = self.meta(key)
        assert len(found) == 1, (key, found)
        return found[0]

    def rel(self, rel: str, **attrs: str) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if rel in link.get("rel", "").split() and all(link.get(k) == v for k, v in attrs.items())
        ]

    @property
    def data(self) -> list[dict]:
        return [json.loads(text) for text in self.scripts]

    def of_type(self, kind: str) -> list[dict]:
        return [item for item in self.data if item.get("@type") == kind]

    def single(self, kind: str) -> dict:
        found = self.of_type(kind)
        assert len(found) == 1, (kind, [item.get("@type") for item in self.data])
        return found[0]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_head = self._in_footer = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "footer":
            self._in_footer = True
        elif tag == "link" and self._in_head:
            self.page.links.append(values)
        elif tag == "meta" and self._in_head:
            self.page.metas.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []
        elif tag == "a" and self._in_footer:
            self.page.body_links.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "footer":
            self._in_footer = False
        elif tag == "script" and self._script is not None:
            self.page.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def read(response) -> Page:
    reader = _Reader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.page
