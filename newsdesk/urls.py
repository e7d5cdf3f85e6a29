from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from newsdesk.audience.views import healthz
from newsdesk.partners.api import api as partner_api
from newsdesk.partners.api import api_not_found
from newsdesk.public import search_views
from newsdesk.public import views as public_views
from newsdesk.public.media import serve_media
from newsdesk.syndication import sitemaps

urlpatterns = [
    path("", public_views.root, name="root"),
    path("", include("newsdesk.accounts.urls")),  # password reset, before the admin's catch-all
    path("admin/", admin.site.urls),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("opensearch.xml", search_views.opensearch_default, name="opensearch_default"),
    path("healthz", healthz, name="healthz"),
    # The partner API (docs/partners.md); any other address under /api/ is a JSON 404.
    path("api/v1/", partner_api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found, name="api_not_found"),
    # Lazy: in production the hashed name exists only once static files are collected.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("newsdesk/favicon.svg"), permanent=True)),
    # The demo edition's live TV stream; the demo app owns its addresses.
    path("demo/", include("newsdesk.demo.urls")),
]

if settings.SERVE_MEDIA:
    # The embedded install serves uploads itself (public/media.py); behind nginx, set
    # SERVE_MEDIA=0 and let nginx serve them on the same terms (docs/deploy.md).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media, name="media"))

urlpatterns += i18n_patterns(
    path("", include("newsdesk.public.urls")),
    path("", include("newsdesk.syndication.urls")),
    prefix_default_language=True,
)

handler400 = "newsdesk.public.views.error_400"
handler404 = "newsdesk.public.views.error_404"
handler500 = "newsdesk.public.views.error_500"
