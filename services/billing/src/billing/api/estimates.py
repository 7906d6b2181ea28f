"""Good Faith Estimates: staff draft, edit and issue a client's estimate (a PDF kept as issued); the
client lists theirs, opens the PDF and acknowledges it."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import request
from flask_smorest import Blueprint
from portalkit.auth import requires

from billing.api import allowed, client_caller, staff_caller, wiring
from billing.api.documents import PDF_RESPONSE, attachment, client_reader, pdf_font, staff_reader
from billing.api.schemas import AcknowledgeBody, EstimateBody, EstimateChangeBody, EstimateOut, EstimatesOut
from billing.domain.estimates import Estimate, EstimateStatus
from billing.service import estimates

client_blueprint = Blueprint(
    "client_estimates",
    __name__,
    url_prefix="/api/v1/billing",
    description="The client's Good Faith Estimates.",
)
staff_blueprint = Blueprint(
    "staff_estimates",
    __name__,
    url_prefix="/api/v1/staff",
    description="Good Faith Estimates, for staff.",
)


def _out(estimate: Estimate, prefix: str) -> dict[str, Any]:
    issued = estimate.status is not EstimateStatus.DRAFT
    return dataclasses.asdict(estimate) | {
        "status": estimate.status.value,
        "total_cents": estimate.total_cents,
        "lines": [dataclasses.asdict(line) | {"total_cents": line.total_cents} for line in estimate.lines],
        "download_path": f"{prefix}/estimates/{estimate.id}/pdf" if issued else None,
    }


def _listed(found: list[Estimate], prefix: str) -> dict[str, Any]:
    return {"items": [_out(estimate, prefix) for estimate in found]}


# The client's own.


@client_blueprint.get("/estimates")
@requires("client")
@client_blueprint.response(200, EstimatesOut)
def my_estimates() -> Any:
    """The estimates issued to the client, newest first (an acknowledged one stays as acknowledged)."""
    caller = client_caller()
    found = estimates.of_client(wiring().unit_of_work, caller.practice_id, caller.client_id, issued_only=True)
    return _listed(found, "/api/v1/billing")


@client_blueprint.get("/estimates/<estimate_id>/pdf")
@requires("client")
@client_blueprint.doc(responses=PDF_RESPONSE)
def my_estimate_pdf(estimate_id: str) -> Any:
    return attachment(estimates.download(wiring().unit_of_work, client_reader(), estimate_id))


@client_blueprint.post("/estimates/<estimate_id>/acknowledge")
@requires("client")
@client_blueprint.arguments(AcknowledgeBody)
@client_blueprint.response(200, EstimateOut)
def acknowledge(body: dict[str, Any], estimate_id: str) -> Any:
    """The client received the estimate: `document_sha256` is the `document_sha256` of the version they
    were shown (409 `estimate-changed` if it is not the one issued)."""
    shown = (request.headers.get("User-Agent", ""), body["document_sha256"])
    done = estimates.acknowledge(wiring().unit_of_work, client_reader(), estimate_id, shown, pdf_font())
    return _out(done, "/api/v1/billing")


# Staff's, for any client of the practice.


@staff_blueprint.post("/clients/<client_id>/estimates")
@allowed("manage_estimates")
@staff_blueprint.arguments(EstimateBody)
@staff_blueprint.response(201, EstimateOut)
def draft(body: dict[str, Any], client_id: str) -> Any:
    made = estimates.draft(wiring().unit_of_work, wiring().identity, staff_reader(), client_id, body)
    return _out(made, "/api/v1/staff"), 201


@staff_blueprint.patch("/estimates/<estimate_id>")
@allowed("manage_estimates")
@staff_blueprint.arguments(EstimateChangeBody(partial=True))
@staff_blueprint.response(200, EstimateOut)
def change(body: dict[str, Any], estimate_id: str) -> Any:
    """Edit a draft; an issued estimate is revised as its next version, issued at once (the answer)."""
    changed = estimates.change(wiring().unit_of_work, wiring().identity, staff_reader(), estimate_id, body, pdf_font())
    return _out(changed, "/api/v1/staff")


@staff_blueprint.post("/estimates/<estimate_id>/issue")
@allowed("manage_estimates")
@staff_blueprint.response(200, EstimateOut)
def issue(estimate_id: str) -> Any:
    issued = estimates.issue(wiring().unit_of_work, wiring().identity, staff_reader(), estimate_id, pdf_font())
    return _out(issued, "/api/v1/staff")


@staff_blueprint.get("/clients/<client_id>/estimates")
@allowed("read_billing")
@staff_blueprint.response(200, EstimatesOut)
def estimates_of(client_id: str) -> Any:
    found = estimates.of_client(wiring().unit_of_work, staff_caller().practice_id, client_id)
    return _listed(found, "/api/v1/staff")


@staff_blueprint.get("/estimates/<estimate_id>/pdf")
@allowed("read_billing")
@staff_blueprint.doc(responses=PDF_RESPONSE)
def estimate_pdf(estimate_id: str) -> Any:
    return attachment(estimates.download(wiring().unit_of_work, staff_reader(), estimate_id))
