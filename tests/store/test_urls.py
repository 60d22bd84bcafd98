"""Database URLs: which backend the environment selects, and never the password in a message."""

import pytest

from core.store.urls import (
    DatabaseUrlError,
    database_url_from_env,
    parse_database_url,
    redact_url,
)

SECRET = "s3cr%40t-pw"  # "s3cr@t-pw", percent-encoded as a URL must carry it


def test_unset_or_blank_means_the_sqlite_file() -> None:
    assert database_url_from_env({}) is None
    assert database_url_from_env({"TWIN_DATABASE_URL": "  "}) is None


def test_a_postgresql_url_is_parsed_into_named_parts() -> None:
    url = parse_database_url(f"postgresql://twin:{SECRET}@db.example.com:6543/twin_prod")
    assert (url.host, url.port, url.database, url.user) == (
        "db.example.com",
        6543,
        "twin_prod",
        "twin",
    )
    assert url.where == "db.example.com:6543/twin_prod"
    assert "s3cr" not in repr(url) and "s3cr" not in url.redacted()
    assert parse_database_url("postgres://u@h/d").port == 5432


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://twin:{SECRET}@db:5432/twin",
        f"postgresql://twin:{SECRET}@db:5432/twin?sslmode=require",
        f"postgresql://twin@db/twin?password={SECRET}&sslmode=require",
        f"postgresql://twin:{SECRET}@[::1]:5432/twin",
    ],
)
def test_redaction_hides_the_password_wherever_it_is(url: str) -> None:
    shown = redact_url(url)
    assert "s3cr" not in shown
    assert "***" in shown and "twin" in shown


def test_a_url_without_a_password_is_shown_as_is() -> None:
    assert redact_url("postgresql://twin@db:5432/twin") == "postgresql://twin@db:5432/twin"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (f"mysql://twin:{SECRET}@db/twin", "must start with postgresql://"),
        (f"postgresql://twin:{SECRET}@db:5432/", "names no database"),
        (f"postgresql://twin:{SECRET}@db:notaport/twin", "not a valid URL"),
    ],
)
def test_a_wrong_url_is_named_without_its_password(raw: str, problem: str) -> None:
    with pytest.raises(DatabaseUrlError) as raised:
        database_url_from_env({"TWIN_DATABASE_URL": raw})
    assert problem in str(raised.value) and "TWIN_DATABASE_URL" in str(raised.value)
    assert "s3cr" not in str(raised.value)
