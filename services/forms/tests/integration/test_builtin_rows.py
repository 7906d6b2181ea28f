"""A built-in template's row for a practice is made once, even when two first uses race."""

import uuid

from forms.adapters.unit_of_work import FormsUnitOfWork
from forms.domain.templates import Template
from portalkit.clock import FixedClock
from portalkit.db import make_session_factory


def test_the_second_row_for_the_same_builtin_is_reported_as_not_added(engine, practice):
    # Given a practice whose PHQ-9 row was just added by a first use
    uow = FormsUnitOfWork(make_session_factory(engine), FixedClock())
    first = Template(str(uuid.uuid4()), practice, "phq-9", 0, uow.clock.now(), None)
    with uow:
        assert uow.templates.add_builtin(first) is True
        uow.commit()
    # When a concurrent first use tries to add its own row for the same built-in
    second = Template(str(uuid.uuid4()), practice, "phq-9", 0, uow.clock.now(), None)
    with uow:
        added = uow.templates.add_builtin(second)
        uow.commit()
    # Then it is told the row exists, and the practice has the first one only
    assert added is False
    with uow:
        assert uow.templates.by_builtin_key(practice, "phq-9").id == first.id
