from django.urls import path, register_converter

from newsdesk.audience.views import view_beacon, view_pixel
from newsdesk.public import agency_pages, breaking, lookup_views, search_views, views


class IdConverter:
    """A database id: digits that fit a 64-bit integer, so huge numbers are a 404, not a crash."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class DigitsConverter:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


class YearConverter(DigitsConverter):
    regex = "[0-9]{4}"

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(IdConverter, "id")
register_converter(DigitsConverter, "dd")
register_converter(YearConverter, "yyyy")

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("news/<id:article_id>/", views.article, name="article_short"),
    path("news/<id:article_id>-<str:slug>/", views.article, name="article"),
    path("news/<id:article_id>/views/", view_beacon, name="view_beacon"),
    path("news/<id:article_id>/seen.gif", view_pixel, name="view_pixel"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("<yyyy:year>/<dd:month>/<dd:day>/", views.archive_day, name="archive_day"),
    path("most-viewed/", lookup_views.most_viewed_page, name="most_viewed"),
    path("corrections/", lookup_views.corrections, name="corrections"),
    path("live/", views.live, name="live"),
    path("page/<slug:slug>/", agency_pages.agency_page, name="agency_page"),
    path("breaking.json", breaking.breaking_json, name="breaking"),
    path("search/", search_views.search, name="search"),
    path("opensearch.xml", search_views.opensearch, name="opensearch"),
]
