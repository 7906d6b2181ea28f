"""Every object store behaves the same: the local folder, S3 (moto's server, spoken to over HTTP as
boto3 speaks to AWS or MinIO) and the in-memory fake the services' unit tests use."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import pytest
from portalkit.settings import BaseSettings
from portalkit.storage import (
    InvalidKey,
    LocalFolderStore,
    ObjectNotFound,
    ObjectStore,
    S3Store,
    StorageError,
    make_object_store,
    s3_client,
)
from portalkit.testing import MemoryObjectStore

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_settings() -> Iterator[BaseSettings]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    settings = BaseSettings(
        service_name="example",
        storage_backend="s3",
        s3_endpoint_url=f"http://127.0.0.1:{port}",
        s3_bucket="portal-objects",
        s3_region="us-east-1",
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )
    s3_client(settings).create_bucket(Bucket=settings.s3_bucket)
    yield settings
    server.stop()


@pytest.fixture(params=["local", "s3", "memory"])
def store(request: pytest.FixtureRequest, tmp_path) -> ObjectStore:
    if request.param == "local":
        return LocalFolderStore(tmp_path / "objects")
    if request.param == "s3":
        settings = request.getfixturevalue("s3_settings")
        prefix = f"{request.node.name}/"  # one test's objects never meet another's
        return S3Store(s3_client(settings), settings.s3_bucket, prefix=prefix)
    return MemoryObjectStore()


def test_an_object_comes_back_with_its_bytes_and_content_type(store):
    store.put("practices/p1/logo-v1", PNG, "image/png")

    kept = store.get("practices/p1/logo-v1")

    assert (kept.data, kept.content_type) == (PNG, "image/png")
    assert store.exists("practices/p1/logo-v1")


def test_putting_again_replaces_the_object(store):
    store.put("forms/f1.pdf", b"%PDF-1 first", "application/pdf")
    store.put("forms/f1.pdf", b"second", "text/plain; charset=utf-8")

    kept = store.get("forms/f1.pdf")

    assert (kept.data, kept.content_type) == (b"second", "text/plain; charset=utf-8")


def test_a_deleted_object_is_gone_and_deleting_twice_is_no_error(store):
    store.put("documents/d1", b"letter", "application/octet-stream")

    store.delete("documents/d1")
    store.delete("documents/d1")

    assert not store.exists("documents/d1")
    with pytest.raises(ObjectNotFound):
        store.get("documents/d1")


def test_an_empty_object_is_still_an_object(store):
    store.put("empty", b"", "application/octet-stream")

    assert store.exists("empty")
    assert store.get("empty").data == b""


def test_a_key_never_seen_is_not_found(store):
    assert not store.exists("practices/nobody/logo")
    with pytest.raises(ObjectNotFound):
        store.get("practices/nobody/logo")


@pytest.mark.parametrize(
    "key",
    ["../outside", "a/../../outside", "/etc/passwd", "a//b", "a/./b", "", "a/", "with space", "a\\b", "x" * 600],
)
def test_no_key_reaches_outside_the_store(store, key):
    for attempt in (
        lambda: store.put(key, b"x", "text/plain"),
        lambda: store.get(key),
        lambda: store.exists(key),
        lambda: store.delete(key),
    ):
        with pytest.raises(InvalidKey):
            attempt()


def test_a_content_type_is_one_line(store):
    with pytest.raises(ValueError, match="content type"):
        store.put("k", b"x", "text/plain\nX-Injected: 1")


def test_the_local_folder_refuses_a_link_that_points_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "objects").mkdir()
    (tmp_path / "objects" / "escape").symlink_to(outside)
    store = LocalFolderStore(tmp_path / "objects")

    with pytest.raises(InvalidKey):
        store.put("escape/file", b"x", "text/plain")
    assert list(outside.iterdir()) == []


def test_each_service_keeps_its_objects_in_a_folder_of_its_own_by_default(tmp_path):
    identity = make_object_store(BaseSettings(service_name="identity", var_dir=str(tmp_path)))
    messaging = make_object_store(BaseSettings(service_name="messaging", var_dir=str(tmp_path)))

    identity.put("logo", PNG, "image/png")

    assert (tmp_path / "objects" / "identity" / "logo").is_file()
    assert not messaging.exists("logo")


def test_services_sharing_a_bucket_each_see_only_their_own_objects(s3_settings):
    identity = make_object_store(dataclasses.replace(s3_settings, service_name="identity"))
    messaging = make_object_store(dataclasses.replace(s3_settings, service_name="messaging"))

    identity.put("shared-name", b"identity's", "text/plain")

    assert not messaging.exists("shared-name")
    listed = s3_client(s3_settings).list_objects_v2(Bucket=s3_settings.s3_bucket, Prefix="identity/")
    assert [item["Key"] for item in listed["Contents"]] == ["identity/shared-name"]


def test_an_unknown_backend_or_a_missing_bucket_stops_the_service_at_start():
    with pytest.raises(RuntimeError, match="local or s3"):
        make_object_store(BaseSettings(storage_backend="ftp"))
    with pytest.raises(RuntimeError, match="S3_BUCKET"):
        make_object_store(BaseSettings(storage_backend="s3"))


def test_a_bucket_that_does_not_exist_is_a_storage_error_not_a_missing_object(s3_settings):
    store = S3Store(s3_client(s3_settings), "no-such-bucket")

    with pytest.raises(StorageError):
        store.put("k", b"x", "text/plain")
