import pytest

from tests.syndication.sitemap_schemas import Schemas


@pytest.fixture(scope="session")
def schemas(shared_dir, tmp_path_factory) -> Schemas:
    return Schemas(shared_dir, tmp_path_factory.mktemp("xsd"))


@pytest.fixture
def announced(django_capture_on_commit_callbacks):
    """Run what a change announces after its commit (the receivers), as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def limit(settings):
    """A tiny per-child limit, to see months split into days and tags into pages."""

    def set_limit(value: int) -> None:
        settings.NEWSDESK = {**settings.NEWSDESK, "SITEMAP_URLS": value}

    return set_limit


@pytest.fixture
def make_story(make_article, django_capture_on_commit_callbacks):
    """make_article, with what its publication announces run as after a real commit
    (the counts and the sitemaps' cache hear it)."""

    def make(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(*args, **kwargs)

    return make
