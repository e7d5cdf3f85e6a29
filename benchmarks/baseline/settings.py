"""A plain Django site on Newsdesk's data: the baseline `serving.py` measures a miss against.

The same database, apps and models as Newsdesk, but Django's own project template for the
rest: its default middleware, one view, one Django template. What a team would write in an
afternoon to show an article, before any of Newsdesk's work on pages.
"""

from newsdesk.settings import *  # noqa: F403
from newsdesk.settings import BASE_DIR

ROOT_URLCONF = "benchmarks.baseline.urls"
MIDDLEWARE = [  # as `django-admin startproject` writes them
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Newsdesk's Django template engine (the back office's), reading the baseline's one template.
TEMPLATES = [
    {**engine, "DIRS": [BASE_DIR / "benchmarks" / "baseline" / "templates"]}
    for engine in TEMPLATES  # noqa: F405
    if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates"
]
