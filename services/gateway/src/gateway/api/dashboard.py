"""The client's dashboard, assembled by the gateway: the next appointment first (from scheduling, when
the practice offers appointments), the tasks to complete (the forms, consents and assessments forms
holds for the caller, of the features that are on) and which portal features the practice offers, so
the page shows only the sections of features that are on; the secure messages and the documents from
the practice waiting (from messaging, when the practice offers messages / documents); from billing, the
open balance and, until done, "Enroll in autopay", "Add your insurance details" and "Review your Good
Faith Estimate" as tasks (when the practice offers them); and the files the practice asked for that the
client has not sent yet (messaging, feature `uploads`), as tasks too. When forms, scheduling, messaging or
billing cannot answer, the rest is still shown, with `tasks_unavailable`, `appointments_unavailable`,
`messages_unavailable`, `documents_unavailable`, `upload_requests_unavailable` or `billing_unavailable` true."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from portalkit.auth import bearer_token

from gateway.adapters.billing_summary import (
    AUTOPAY_TASK,
    ESTIMATE_TASK,
    INSURANCE_TASK,
    BillingSummary,
    BillingUnavailable,
)
from gateway.adapters.client_tasks import ClientTasks, RequestedUploads, TasksUnavailable
from gateway.adapters.next_appointment import AppointmentsUnavailable, NextAppointment
from gateway.adapters.unread_messages import MessagesUnavailable, UnreadMessages
from gateway.api.admission import Admission
from gateway.api.browser_session import access_token_from_cookie

DASHBOARD_PATH = "/api/v1/dashboard"


def dashboard_blueprint(
    admission: Admission,
    tasks: ClientTasks,
    appointments: NextAppointment,
    messages: UnreadMessages,
    billing: BillingSummary,
    documents: UnreadMessages | None = None,
    uploads: RequestedUploads | None = None,
) -> Blueprint:
    blueprint = Blueprint("dashboard", __name__)

    @blueprint.get(DASHBOARD_PATH)
    def dashboard() -> dict[str, Any]:
        token = bearer_token() or access_token_from_cookie(request, None)
        caller = admission.admit(token, DASHBOARD_PATH)
        features = admission.features.of(caller.practice_id)
        answer: dict[str, Any] = {
            "next_appointment": None,
            "appointments_unavailable": False,
            "tasks": [],
            "tasks_unavailable": False,
            "billing": None,
            "billing_unavailable": False,
            "features": features,
            "unread_messages": None,
            "messages_unavailable": False,
            "documents_waiting": None,
            "documents_unavailable": False,
            "upload_requests_unavailable": False,
        }
        if caller.role == "client" and token and features.get("appointments", True):
            try:
                answer["next_appointment"] = appointments.of(token)
            except AppointmentsUnavailable:
                answer["appointments_unavailable"] = True
        if caller.role == "client" and token and features.get("messages", True):
            try:
                answer["unread_messages"] = messages.of(token)
            except MessagesUnavailable:
                answer["messages_unavailable"] = True
        if documents is not None and caller.role == "client" and token and features.get("documents", True):
            try:
                answer["documents_waiting"] = documents.of(token)
            except MessagesUnavailable:
                answer["documents_unavailable"] = True
        if caller.role == "client" and token:
            try:
                answer["tasks"] = tasks.of(token, features)
            except TasksUnavailable:
                answer["tasks_unavailable"] = True
        if uploads is not None and caller.role == "client" and token and features.get("uploads", True):
            try:
                answer["tasks"].extend(uploads.of(token))
            except TasksUnavailable:
                answer["upload_requests_unavailable"] = True
        if caller.role == "client" and token:
            try:
                answer["billing"] = billing.of(token, features)
            except BillingUnavailable:
                answer["billing_unavailable"] = True
            if answer["billing"] and answer["billing"]["autopay_enrolled"] is False:
                answer["tasks"].append(dict(AUTOPAY_TASK))
            if answer["billing"] and answer["billing"].get("insurance_added") is False:
                answer["tasks"].append(dict(INSURANCE_TASK))
            if answer["billing"] and answer["billing"].get("estimates_to_review"):
                answer["tasks"].append(dict(ESTIMATE_TASK))
        return answer

    return blueprint
