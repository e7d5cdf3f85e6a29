"""Numbers from outside that no column can hold match nothing, on every database."""

from django.contrib.auth.models import Group, Permission

from newsdesk.content.models import Article
from newsdesk.lib.lookups import is_database_id


def test_an_id_list_with_numbers_no_column_holds_matches_only_the_others(make_article):
    article = make_article()
    assert list(Article.objects.filter(pk__in=[10**30])) == []
    assert list(Article.objects.filter(pk__in=[-(10**30), article.pk, 2**63])) == [article]
    assert Article.objects.exclude(pk__in=[10**30]).count() == 1


def test_a_form_given_a_huge_permission_id_says_it_is_no_choice(admin_client):
    huge = "9" * 30
    response = admin_client.post("/admin/auth/group/add/", {"name": "Auditors", "permissions": [huge]})
    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert not Group.objects.filter(name="Auditors").exists()
    one = Permission.objects.first()
    response = admin_client.post("/admin/auth/group/add/", {"name": "Auditors", "permissions": [str(one.pk)]})
    assert response.status_code == 302


def test_the_desk_filtered_by_an_author_id_no_column_holds_is_empty(admin_client, make_article):
    make_article()
    response = admin_client.get("/admin/content/article/?by=" + "9" * 30)
    assert response.status_code == 200


def test_what_a_database_id_is():
    assert is_database_id("42") and is_database_id(2**63 - 1)
    for value in ("", "-1", "1.0", "abc", "٤٢", str(2**63), "1e3", " 1"):
        assert not is_database_id(value), value
