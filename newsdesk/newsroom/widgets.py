"""The body editor: Quill on top of a plain textarea.

Without JavaScript the textarea works as it is. With it, editors get headings, lists,
links, quotes and photos from the library; what they paste from Word or a web page
is reduced to Quill's formats, and the server sanitises the result again.
"""

from typing import Any

from django import forms
from django.urls import reverse_lazy


class RichTextWidget(forms.Textarea):
    template_name = "newsroom/widgets/rich_text.html"

    class Media:
        css = {"all": ["vendor/quill.snow.css", "newsroom/editor.css"]}
        js = ["vendor/quill.js", "newsroom/photo_library.js", "newsroom/editor.js"]

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs={"rows": 24, "class": "rich-text-source", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["photo_search_url"] = reverse_lazy("admin:newsroom_photo_search")
        context["widget"]["photo_upload_url"] = reverse_lazy("admin:newsroom_photo_upload")
        return context
