"""Object storage: the files a service keeps outside its database (a practice's logo, shared
documents, forms as PDFs), each under a key such as ``practices/<id>/logo-<version>``.

Two stores behave the same way: `LocalFolderStore`, a folder under the service's VAR_DIR (the
default, for development and a single machine), and `S3Store`, a bucket of any S3-compatible store
(AWS S3, MinIO). `make_object_store(settings)` picks one from STORAGE_BACKEND. Each service keeps
its objects apart: under its own folder, or under ``<service>/`` in a shared bucket. Tests use
`portalkit.testing.MemoryObjectStore`.

A key is one or more ``/``-separated segments of letters, digits, ``.``, ``_`` and ``-``; no segment
is ``.`` or ``..``, so no key reaches outside the folder or the service's part of the bucket.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
from pathlib import Path
from typing import Any, Protocol

from portalkit.settings import BaseSettings

_SEGMENT = re.compile(r"[A-Za-z0-9._\-]{1,200}")
_CONTENT_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+\-]+/[A-Za-z0-9!#$&^_.+\-]+(; ?[ -~]*)?")
MAX_KEY_LENGTH = 512


class InvalidKey(ValueError):
    """A key that could name something outside the store, or that the store cannot hold."""


class ObjectNotFound(KeyError):
    """No object under that key."""


class StorageError(RuntimeError):
    """The store could not be reached or refused the operation."""


@dataclasses.dataclass(frozen=True)
class StoredObject:
    data: bytes
    content_type: str


class ObjectStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`, replacing whatever was there."""

    def get(self, key: str) -> StoredObject:
        """The object under `key`; ObjectNotFound when there is none."""

    def delete(self, key: str) -> None:
        """Remove the object under `key`; nothing happens when there is none."""

    def exists(self, key: str) -> bool: ...


def check_key(key: str) -> str:
    segments = key.split("/")
    if len(key) > MAX_KEY_LENGTH or not all(_SEGMENT.fullmatch(s) and s not in {".", ".."} for s in segments):
        raise InvalidKey(f"not a storage key: {key[:80]!r}")
    return key


def check_content_type(content_type: str) -> str:
    if len(content_type) > 200 or not _CONTENT_TYPE.fullmatch(content_type):
        raise ValueError(f"not a content type: {content_type[:80]!r}")
    return content_type


class LocalFolderStore:
    """Objects as files under `root`: the content type on the file's first line, then the bytes.
    Writes go to a temporary file renamed into place, so a reader never sees half an object."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self._root = Path(root).resolve()

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        header = check_content_type(content_type).encode("ascii") + b"\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}.partial")
            partial.write_bytes(header + data)
            os.replace(partial, path)
        except OSError as error:
            raise StorageError(f"cannot write {key!r}: {error.strerror}") from error

    def get(self, key: str) -> StoredObject:
        try:
            stored = self._path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
            raise ObjectNotFound(key) from error
        except OSError as error:
            raise StorageError(f"cannot read {key!r}: {error.strerror}") from error
        content_type, _, data = stored.partition(b"\n")
        return StoredObject(data, content_type.decode("ascii"))

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except (NotADirectoryError, IsADirectoryError):
            return
        except OSError as error:
            raise StorageError(f"cannot delete {key!r}: {error.strerror}") from error

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _path(self, key: str) -> Path:
        path = (self._root / check_key(key)).resolve()
        # The key's shape already keeps it inside; this also refuses a symbolic link pointing out.
        if not path.is_relative_to(self._root) or path.name.startswith("."):
            raise InvalidKey(f"not a storage key: {key[:80]!r}")
        return path


class S3Store:
    """Objects in an S3 bucket (or MinIO's), under `prefix` (``identity/``): `client` is boto3's."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self._client = client
        self._bucket = bucket
        self._prefix = prefix

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._call(
            "put_object",
            Bucket=self._bucket,
            Key=self._name(key),
            Body=data,
            ContentType=check_content_type(content_type),
        )

    def get(self, key: str) -> StoredObject:
        answer = self._call("get_object", Bucket=self._bucket, Key=self._name(key), missing=key)
        with answer["Body"] as body:
            data = body.read()
        return StoredObject(data, answer.get("ContentType") or "application/octet-stream")

    def delete(self, key: str) -> None:
        self._call("delete_object", Bucket=self._bucket, Key=self._name(key))

    def exists(self, key: str) -> bool:
        try:
            self._call("head_object", Bucket=self._bucket, Key=self._name(key), missing=key)
        except ObjectNotFound:
            return False
        return True

    def _name(self, key: str) -> str:
        return self._prefix + check_key(key)

    def _call(self, operation: str, missing: str | None = None, **arguments: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self._client, operation)(**arguments)
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            if missing is not None and code in {"NoSuchKey", "404", "NotFound"}:
                raise ObjectNotFound(missing) from error
            raise StorageError(f"{operation} failed: {code or error}") from error
        except BotoCoreError as error:
            raise StorageError(f"{operation} failed: {error}") from error


def make_object_store(settings: BaseSettings) -> ObjectStore:
    """The store STORAGE_BACKEND names: `local` (VAR_DIR/objects/<service>) or `s3` (S3_*)."""
    if settings.storage_backend == "local":
        return LocalFolderStore(Path(settings.var_dir) / "objects" / settings.service_name)
    if settings.storage_backend == "s3":
        if not settings.s3_bucket:
            raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        return S3Store(s3_client(settings), settings.s3_bucket, prefix=f"{settings.service_name}/")
    raise RuntimeError(f"STORAGE_BACKEND must be local or s3, not {settings.storage_backend!r}")


def s3_client(settings: BaseSettings) -> Any:
    """boto3's S3 client from the S3_* settings; empty ones fall back to boto3's own defaults
    (AWS's endpoint, credentials from the environment or the pod's role)."""
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=5,
        read_timeout=30,
        retries={"max_attempts": 3, "mode": "standard"},
        # MinIO and most S3-compatible stores want the bucket in the path, not the host name.
        s3={"addressing_style": "path" if settings.s3_endpoint_url else "auto"},
    )
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url or None,
        region_name=settings.s3_region or None,
        aws_access_key_id=settings.s3_access_key_id or None,
        aws_secret_access_key=settings.s3_secret_access_key or None,
        config=config,
    )
