"""The feeds, sitemaps and archive calendars of each edition (`/<edition>/rss.xml`, `/<edition>/sitemap-….xml`);
the sitemap index is at the site's root (newsdesk/urls.py)."""

from django.urls import path

from newsdesk.syndication import archive_pages, feeds, sitemaps

app_name = "syndication"
urlpatterns = [
    # The archive's month and year pages, drawn from the per-day counts kept here (archive_pages.py).
    path("<yyyy:year>/", archive_pages.archive_year, name="archive_year"),
    path("<yyyy:year>/<dd:month>/", archive_pages.archive_month, name="archive_month"),
    path("rss.xml", feeds.edition_feed, {"kind": "rss"}, name="rss"),
    path("atom.xml", feeds.edition_feed, {"kind": "atom"}, name="atom"),
    path("feed/", feeds.feed_redirect, name="feed_redirect"),
    path("section/<slug:slug>/rss.xml", feeds.section_feed, {"kind": "rss"}, name="section_rss"),
    path("section/<slug:slug>/atom.xml", feeds.section_feed, {"kind": "atom"}, name="section_atom"),
    path("tag/<str:slug>/rss.xml", feeds.tag_feed, {"kind": "rss"}, name="tag_rss"),
    path("tag/<str:slug>/atom.xml", feeds.tag_feed, {"kind": "atom"}, name="tag_atom"),
    path("author/<slug:slug>/rss.xml", feeds.author_feed, {"kind": "rss"}, name="author_rss"),
    path("author/<slug:slug>/atom.xml", feeds.author_feed, {"kind": "atom"}, name="author_atom"),
    path("corrections/rss.xml", feeds.corrections_feed, {"kind": "rss"}, name="corrections_rss"),
    path("corrections/atom.xml", feeds.corrections_feed, {"kind": "atom"}, name="corrections_atom"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    path("sitemap-pages.xml", sitemaps.pages_sitemap, name="sitemap_pages"),
    path("sitemap-tags-<int:page>.xml", sitemaps.tags_sitemap, name="sitemap_tags"),
    path("sitemap-<yyyy:year>-<dd:month>.xml", sitemaps.month_sitemap, name="sitemap_month"),
    path("sitemap-<yyyy:year>-<dd:month>-<dd:day>.xml", sitemaps.day_sitemap, name="sitemap_day"),
]
