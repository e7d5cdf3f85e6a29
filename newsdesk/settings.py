"""Newsdesk settings, driven by environment variables.

With no variables set, Newsdesk runs embedded: SQLite in WAL mode, media and the
secret key under ./var, a local-memory cache. Set DATABASE_URL (PostgreSQL) and
REDIS_URL to run it as a production cluster.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from newsdesk.content.embeds import FRAME_SOURCES
from newsdesk.editions.definition import EDITIONS

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


# Everything the embedded mode writes lives here (git-ignored).
DATA_DIR = Path(os.environ.get("NEWSDESK_DATA_DIR", BASE_DIR / "var")).resolve()


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept in DATA_DIR.

    The key is never in the repository; an embedded install gets its own on first run.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Old keys, comma-separated, while a new SECRET_KEY is rolled out: signed links and the
# encrypted two-factor secrets made under them still work (docs/deploy.md).
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS", [])
DEBUG = envbool("DEBUG", False)
# Set by `manage.py serve` (make serve) for the processes it starts.
PRODUCTION = envbool("NEWSDESK_PRODUCTION", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The address readers use (scheme, host and port, no path). Every absolute URL on a page
# (canonical, og:url, hreflang, share links) is built from it, never from the request's
# Host header, so no request can make a cached page point elsewhere (lib/urls.py).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Staff sign-in first: its templates (password reset, two-factor) come before the admin's.
    "newsdesk.accounts",
    # The Django admin on our site class: throttled two-step sign-in, idle sessions.
    "newsdesk.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "newsdesk.siteconfig",
    "newsdesk.content",
    "newsdesk.newsroom",
    "newsdesk.editions",
    "newsdesk.audience",
    "newsdesk.search",
    "newsdesk.public",
    "newsdesk.syndication",
    "newsdesk.partners",
    "newsdesk.wires",
    # The partner API's framework: its docs' scripts and styles are served from here.
    "ninja",
    "newsdesk.demo",
    "newsdesk.backup",
    "newsdesk.worker",
]

MIDDLEWARE = [
    # Outermost: a hit costs one cache read, and a page is stored with every header the
    # others give it (security included), so replaying it needs none of them.
    "newsdesk.public.pagecache.page_cache",
    "newsdesk.public.replica.public_reads_from_replica",
    "newsdesk.lib.limits.refuse_malformed_requests",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsdesk.accounts.language.back_office_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.siteconfig.middleware.agency_time_zone",
    "newsdesk.newsroom.audit_context.remember_actor",
    # Logs again, once the view's transactions are over, a refusal they rolled back.
    "newsdesk.newsroom.audit_context.keep_entries_through_rollbacks",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        # Public pages: Jinja2 renders them several times faster than Django templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsdesk.public.templating.environment",
            "context_processors": ["newsdesk.siteconfig.context_processors.site"],
        },
    },
    {
        # The back office: the Django admin and its templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under DATA_DIR unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "newsdesk.sqlite3"),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
                # lock at BEGIN, so two writers queue on busy_timeout instead of failing
                # with "database is locked" half-way through a transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Keep connections open: closing the last one checkpoints the WAL, with fsyncs,
            # which would cost every request several milliseconds.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            # A file, not memory, so that tests can hit the test database from other processes.
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }
# A read replica (docs/deploy.md): readers' page views read there, everything else from
# the primary (public/replica.py). Its tests mirror the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["newsdesk.public.replica.PublicReadsToReplica"]  # replica.ROUTER
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Several sites (or CI runs) can share one Redis: the cache and the counters use this prefix.
REDIS_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsdesk.lib.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
            "KEY_PREFIX": REDIS_KEY_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (newsdesk/accounts, docs/deploy.md). Failed sign-ins are counted in the
# database, so every app server and every storage sees the same counts.
STAFF_SIGNIN: dict[str, Any] = {
    # Failures counted over this window; a lock ends when enough of them are older.
    "WINDOW_MINUTES": envint("STAFF_SIGNIN_WINDOW_MINUTES", 60),
    # One account from one address: this many failures lock that address out of that account.
    "ACCOUNT_ADDRESS_LIMIT": envint("STAFF_SIGNIN_ACCOUNT_ADDRESS_LIMIT", 5),
    # One address, whatever names it tries: this many failures lock the address out.
    "ADDRESS_LIMIT": envint("STAFF_SIGNIN_ADDRESS_LIMIT", 30),
    # One account from everywhere: past this many failures, one attempt per SLOW_SECONDS
    # for it, except from addresses it has signed in from (KNOWN_DAYS).
    "ACCOUNT_SLOW_AFTER": envint("STAFF_SIGNIN_ACCOUNT_SLOW_AFTER", 10),
    "SLOW_SECONDS": envint("STAFF_SIGNIN_SLOW_SECONDS", 60),
    "KNOWN_DAYS": envint("STAFF_SIGNIN_KNOWN_DAYS", 30),
    # Passwords hashed at once on one machine (all its workers): the rest are refused at once.
    "HASHING_SLOTS": envint("STAFF_SIGNIN_HASHING_SLOTS", max(1, (os.cpu_count() or 2) // 2)),
    "LOCK_DIR": Path(os.environ.get("STAFF_SIGNIN_LOCK_DIR", DATA_DIR / "locks")),
    # Password reset mails one address may ask for in the window.
    "RESET_LIMIT": envint("STAFF_PASSWORD_RESET_LIMIT", 5),
    # The sign-in log (failures, successes, reset requests) is kept this long.
    "KEEP_DAYS": envint("STAFF_SIGNIN_KEEP_DAYS", 90),
}
# A back-office session ends after this much inactivity, and in any case this long after
# signing in; signing in again needs the password (and the code, with two-factor on).
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", 8 * 60)
STAFF_SESSION_MAX_HOURS = envint("STAFF_SESSION_MAX_HOURS", 24)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600

# Password reset mail. Without EMAIL_HOST (the embedded install, the demo) mails are
# written to the server's console instead of sent.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsdesk@localhost")
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": envint("EMAIL_PORT", 587 if envbool("EMAIL_USE_TLS", True) else 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True) and not envbool("EMAIL_USE_SSL", False),
                "use_ssl": envbool("EMAIL_USE_SSL", False),
                "timeout": envint("EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Languages: the editions (newsdesk/editions/definition.py). The public site takes the
# language from the URL (/en/, /ru/, /kk/, /kk-latn/); the back office from the person's
# choice (accounts/language.py), else from the browser.
LANGUAGE_CODE = os.environ.get("NEWSDESK_MAIN_EDITION", "en")
LANGUAGES = [(edition.code, edition.name) for edition in EDITIONS]
# Dates and numbers per language, with Kazakh formats (Django has none).
FORMAT_MODULE_PATH = ["newsdesk.formats"]
# Our catalogues, then our completion of Django's own Kazakh (the admin's included).
LOCALE_PATHS = [BASE_DIR / "newsdesk" / "locale", BASE_DIR / "newsdesk" / "locale_django"]
USE_I18N = True
USE_TZ = True
# Storage is UTC; the agency's own time zone (SiteSettings) is activated per request.
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
# `manage.py serve` (production) collects hashed, compressed static files into STATIC_ROOT
# and serves them with far-future caching; the embedded install serves from the apps.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (str(DATA_DIR / "static") if PRODUCTION else None)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Embedded mode serves uploaded media itself; behind a proxy, the proxy does.
SERVE_MEDIA = envbool("SERVE_MEDIA", True)
# Without collectstatic, WhiteNoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_MAX_AGE = 3600
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# `make backup` writes its archives here unless told otherwise (docs/deploy.md, Backups).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "var" / "backups")

# Requests: refuse the absurd early (lib/limits.py caps a whole body, files included, at
# NEWSDESK["MAX_REQUEST_BYTES"]). Photo rules live in content/images.py.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest form of the back office (a user's single permissions) has a few hundred.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Security by default. Cookies exist only in the back office; browsers accept
# Secure cookies from http://127.0.0.1 and localhost, so the demo logs in fine.
SESSION_COOKIE_SECURE = envbool("COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production on https (`make serve` refuses https without BEHIND_HTTPS_PROXY): plain http
# is redirected, and browsers are told to use https only for a year (HSTS), this host's
# subdomains included. Preloading into browsers is a choice that is hard to undo
# (docs/deploy.md): SECURE_HSTS_PRELOAD=1 once the site is ready for it.
_HTTPS_SITE = PRODUCTION and SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _HTTPS_SITE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain http
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if _HTTPS_SITE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload not chosen: see docs/deploy.md
if envbool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Pages load nothing from other hosts. The live TV page widens media-src and
# connect-src to the stream's own host (public/views/live.py). The one exception is a
# frame of an allowed provider's player or post (content/embeds.py), which readers'
# pages create only when the reader asks to load it.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "frame-src": [CSP.SELF, *FRAME_SOURCES],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Newsdesk's own knobs.
NEWSDESK: dict[str, Any] = {
    "FEED_PAGE_SIZE": envint("FEED_PAGE_SIZE", 20),
    "RELEVANT_NEWS": envint("RELEVANT_NEWS", 5),
    # Stories in each RSS and Atom feed (syndication/feeds.py).
    "FEED_ITEMS": envint("FEED_ITEMS", 50),
    "MOST_VIEWED_SIZE": envint("MOST_VIEWED_SIZE", 5),
    # The home's stories under the top one (pinned by editors, else the next newest).
    "FRONT_SECONDARY": envint("FRONT_SECONDARY", 3),
    # Under the feed, the newest stories of each section in the menu, this many each.
    "SECTION_BLOCK_SIZE": envint("SECTION_BLOCK_SIZE", 4),
    # A teaser shows its view count only from this many views on (no "0" on a new story).
    "VIEWS_SHOWN_FROM": envint("VIEWS_SHOWN_FROM", 100),
    # How long a breaking news banner stays unless the editor says otherwise.
    "BREAKING_MINUTES": envint("BREAKING_MINUTES", 60),
    # Reads for pages batch any lazy load (FETCH_PEERS); the test suite makes a lazy
    # load an error (FETCH_RAISE), so an N+1 query fails a test instead of a server.
    "STRICT_FETCH": envbool("NEWSDESK_STRICT_FETCH", False),
    # Views: one per reader per article in this many minutes; at most this many
    # different articles counted per reader per minute.
    "VIEW_DEDUPE_MINUTES": envint("VIEW_DEDUPE_MINUTES", 30),
    "VIEW_RATE_LIMIT": envint("VIEW_RATE_LIMIT", 20),
    # Views of one article counted from one address (an IPv6 /64), or from one /24 or /48,
    # whatever user agents it sends (docs/security.md: how these were chosen); 0 is no cap.
    "VIEW_ADDRESS_PER_MINUTE": envint("VIEW_ADDRESS_PER_MINUTE", 20),
    "VIEW_ADDRESS_PER_HOUR": envint("VIEW_ADDRESS_PER_HOUR", 200),
    "VIEW_NETWORK_PER_MINUTE": envint("VIEW_NETWORK_PER_MINUTE", 200),
    "VIEW_NETWORK_PER_HOUR": envint("VIEW_NETWORK_PER_HOUR", 2000),
    # Behind nginx or a CDN, the reader's address is the last X-Forwarded-For hop.
    "TRUST_X_FORWARDED_FOR": envbool("BEHIND_PROXY", False),
    "COUNT_THROUGH_REDIS": envbool("COUNT_THROUGH_REDIS", True),
    "REDIS_PREFIX": REDIS_KEY_PREFIX,
    # Whole public pages in the cache (public/pagecache.py).
    "PAGE_CACHE": envbool("PAGE_CACHE", True),
    # How long a process serves a page it has just read from the shared cache without
    # asking again; 0 turns it off (public/pagecache.py).
    "PAGE_MEMO_SECONDS": envfloat("PAGE_MEMO_SECONDS", 1.0),
    # The largest request body accepted: a 20 MB photo and its form.
    "MAX_REQUEST_BYTES": envint("MAX_REQUEST_BYTES", 25 * 1024 * 1024),
    # The most URLs in one child of the sitemap index: a month with more is split into
    # days (syndication/sitemaps.py says why 10,000 keeps every child far inside the
    # protocol's 50,000 URLs and 50 MB).
    "SITEMAP_URLS": envint("SITEMAP_URLS", 10_000),
}

# Search (newsdesk/search, docs/deploy.md). Results 20 a page, ranked among the newest
# CANDIDATES matches (a word in half the archive is ranked among its newest stories);
# answers kept CACHE_SECONDS, but at most CACHE_STORES new ones a minute, so a flood of
# unique queries cannot fill the cache; each reader (address) gets PER_MINUTE searches.
SEARCH = {
    "PAGE_SIZE": envint("SEARCH_PAGE_SIZE", 20),
    "CANDIDATES": envint("SEARCH_CANDIDATES", 1000),
    "CACHE_SECONDS": envint("SEARCH_CACHE_SECONDS", 60),
    "CACHE_STORES": envint("SEARCH_CACHE_STORES", 300),
    "PER_MINUTE": envint("SEARCH_PER_MINUTE", 30),
    # A query longer than this is refused (400); words past the twelfth are ignored.
    "MAX_QUERY_LENGTH": envint("SEARCH_MAX_QUERY_LENGTH", 300),
}

# Deliveries to other servers (webhooks, Telegram; lib/outbound.py). They go only
# to public addresses over https, checked after DNS at each attempt; a local receiver
# (tests, a partner's staging on the same network) needs OUTBOUND_ALLOW_PRIVATE=1.
OUTBOUND = {
    "ALLOW_PRIVATE": envbool("OUTBOUND_ALLOW_PRIVATE", False),
    "HTTPS_ONLY": envbool("OUTBOUND_HTTPS_ONLY", PRODUCTION),
    "TIMEOUT": envfloat("OUTBOUND_TIMEOUT", 5.0),
}
# Wires in (newsdesk/wires/): other agencies' feeds, polled by the worker, and drop folders
# (one per source, under WIRES_DROP_DIR) where their files arrive. Feeds on this machine or
# the private network (a test, a ministry's feed over a VPN) need WIRES_ALLOW_PRIVATE=1.
WIRES: dict[str, Any] = {
    "DROP_DIR": os.environ.get("WIRES_DROP_DIR") or str(DATA_DIR / "wires"),
    "ALLOW_PRIVATE": envbool("WIRES_ALLOW_PRIVATE", False),
    "TIMEOUT": envfloat("WIRES_TIMEOUT", 20.0),
    "MAX_BYTES": envint("WIRES_MAX_BYTES", 10 * 1024 * 1024),
    "POLLERS": envint("WIRES_POLLERS", 4),
    "RETENTION_DAYS": envint("WIRES_RETENTION_DAYS", 30),
}
# Telegram: the bot that posts to the editions' channels (their ids are in the site
# settings); without a token nothing is posted. The Bot API's address is a setting so
# that a local server can stand in for it.
TELEGRAM = {
    "BOT_TOKEN": os.environ.get("TELEGRAM_BOT_TOKEN", ""),
    "API_URL": os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/"),
}
