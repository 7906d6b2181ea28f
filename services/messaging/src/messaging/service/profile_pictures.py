"""A client profile's picture: the client uploads a photo and the square they chose (the centre one by
default) is kept, drawn again at 256 pixels; shown to whoever may open the profile (the profile picker)
and to the practice's staff. Another practice finds nothing (404)."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from typing import Protocol

from portalkit.errors import ValidationProblem, not_found
from portalkit.storage import ObjectNotFound, ObjectStore

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.profile_picture import (
    PICTURE_TYPE,
    Crop,
    InvalidCrop,
    InvalidPicture,
    ProfilePicture,
    picture_kind,
)
from messaging.domain.threads import Side
from messaging.service.threads import Party

# Draws the square picture from an upload (adapters/pictures.py); InvalidPicture when it cannot.
Draw = Callable[[bytes, Crop | None], bytes]


class ProfileReach(Protocol):
    def account_reaches(self, practice_id: str, client_id: str, account_id: str) -> bool:
        """Whether the account may open the profile (its own, a partner's, a minor's as guardian)."""
        ...


def set_picture(
    uow: MessagingUnitOfWork, objects: ObjectStore, draw: Draw, who: Party, upload: tuple[str, bytes], crop: Crop | None
) -> ProfilePicture:
    """The client's profile's new picture; the one before is deleted from storage."""
    filename, data = upload
    try:
        picture_kind(filename, data)
        square = draw(data, crop)
    except InvalidCrop as error:
        raise ValidationProblem({"crop": [str(error)]}) from None
    except InvalidPicture as error:
        raise ValidationProblem({"file": [str(error)]}) from None
    key = f"pictures/{secrets.token_hex(16)}"
    objects.put(key, square, PICTURE_TYPE)
    with uow:
        before = uow.pictures.get(who.practice_id, str(who.client_id), lock=True)
        picture = ProfilePicture(who.practice_id, str(who.client_id), key, uow.clock.now(), who.account_id)
        uow.pictures.put(picture)
        uow.commit()
    if before is not None:
        _forget(objects, before.storage_key)
    return picture


def remove_picture(uow: MessagingUnitOfWork, objects: ObjectStore, who: Party) -> None:
    with uow:
        before = uow.pictures.get(who.practice_id, str(who.client_id), lock=True)
        uow.pictures.remove(who.practice_id, str(who.client_id))
        uow.commit()
    if before is not None:
        _forget(objects, before.storage_key)


def picture_of(
    uow: MessagingUnitOfWork, objects: ObjectStore, reach: ProfileReach, who: Party, client_id: str
) -> bytes:
    """The PNG of a profile the caller may see: staff, any of the practice's; a client, the profile their
    token acts for or one their account reaches (identity's links). 404 otherwise, or without a picture."""
    mine = who.side is Side.STAFF or who.client_id == client_id
    if not mine and not reach.account_reaches(who.practice_id, client_id, who.account_id):
        raise not_found("Picture")
    with uow:
        picture = uow.pictures.get(who.practice_id, client_id)
    if picture is None:
        raise not_found("Picture")
    try:
        return objects.get(picture.storage_key).data
    except ObjectNotFound:
        raise not_found("Picture") from None


def _forget(objects: ObjectStore, key: str) -> None:
    with contextlib.suppress(ObjectNotFound):
        objects.delete(key)
