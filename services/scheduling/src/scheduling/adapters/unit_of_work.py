"""The database transaction every use case of this service runs in."""

from __future__ import annotations

from portalkit.db import UnitOfWork

from scheduling.adapters.repositories import (
    AppointmentRepository,
    AppointmentTypeRepository,
    AvailabilityRepository,
    CalendarFeedRepository,
    ClinicianRepository,
    ReminderRepository,
    RequestRepository,
    SettingsRepository,
)


class SchedulingUnitOfWork(UnitOfWork):
    appointments: AppointmentRepository
    clinicians: ClinicianRepository
    availability: AvailabilityRepository
    types: AppointmentTypeRepository
    settings: SettingsRepository
    feeds: CalendarFeedRepository
    requests: RequestRepository
    reminders: ReminderRepository

    def _start(self) -> None:
        self.appointments = AppointmentRepository(self.session)
        self.clinicians = ClinicianRepository(self.session)
        self.availability = AvailabilityRepository(self.session)
        self.types = AppointmentTypeRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.feeds = CalendarFeedRepository(self.session)
        self.requests = RequestRepository(self.session)
        self.reminders = ReminderRepository(self.session)
