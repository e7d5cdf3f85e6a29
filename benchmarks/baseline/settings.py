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
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "benchmarks" / "baseline" / "templates"],
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
