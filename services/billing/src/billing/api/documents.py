"""Statements, superbills and receipts (PDF): staff generate statements and superbills; the client and
staff list and download them, each download an attachment written to the document audit."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask_smorest import Blueprint
from portalkit.auth import principal, requires

from billing.api import allowed, client_caller, staff_caller, wiring
from billing.api.schemas import (
    DocumentAuditListOut,
    DocumentsOut,
    ReceiptsOut,
    StatementBody,
    SuperbillBody,
)
from billing.domain.documents import DocumentKind, DocumentRecord
from billing.service import documents

client_blueprint = Blueprint(
    "client_documents",
    __name__,
    url_prefix="/api/v1/billing",
    description="The client's statements, superbills and receipts.",
)
staff_blueprint = Blueprint(
    "staff_documents",
    __name__,
    url_prefix="/api/v1/staff",
    description="Statements, superbills and receipts, for staff.",
)

PLURAL = {DocumentKind.STATEMENT: "statements", DocumentKind.SUPERBILL: "superbills"}
PDF_RESPONSE = {"200": {"description": "The PDF, as an attachment.", "content": {"application/pdf": {}}}}


def pdf_font() -> str:
    return str(current_app.config.get("BILLING_PDF_FONT_PATH", ""))


def _ip() -> str:
    return request.remote_addr or "unknown"


def staff_reader() -> documents.Reader:
    staff = staff_caller()
    return documents.Reader(staff.practice_id, staff.account_id, staff.role, _ip())


def client_reader() -> documents.Reader:
    caller = client_caller()
    return documents.Reader(caller.practice_id, caller.account_id, principal().role, _ip(), caller.client_id)


def attachment(download: documents.Download) -> Response:
    response = Response(download.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _listed(records: list[DocumentRecord], prefix: str) -> dict[str, Any]:
    return {
        "items": [
            {**record.__dict__, "download_path": f"{prefix}/{PLURAL[record.kind]}/{record.id}/pdf"}
            for record in records
        ]
    }


def _receipts(practice_id: str, client_id: str, prefix: str) -> dict[str, Any]:
    found = documents.receipts_of(wiring().unit_of_work, practice_id, client_id)
    return {"items": [item | {"download_path": f"{prefix}/receipts/{item['payment_id']}/pdf"} for item in found]}


# The client's own.


@client_blueprint.get("/statements")
@requires("client")
@client_blueprint.response(200, DocumentsOut)
def my_statements() -> Any:
    caller = client_caller()
    found = documents.documents_of(wiring().unit_of_work, caller.practice_id, caller.client_id, DocumentKind.STATEMENT)
    return _listed(found, "/api/v1/billing")


@client_blueprint.get("/superbills")
@requires("client")
@client_blueprint.response(200, DocumentsOut)
def my_superbills() -> Any:
    caller = client_caller()
    found = documents.documents_of(wiring().unit_of_work, caller.practice_id, caller.client_id, DocumentKind.SUPERBILL)
    return _listed(found, "/api/v1/billing")


@client_blueprint.get("/receipts")
@requires("client")
@client_blueprint.response(200, ReceiptsOut)
def my_receipts() -> Any:
    caller = client_caller()
    return _receipts(caller.practice_id, caller.client_id, "/api/v1/billing")


@client_blueprint.get("/statements/<document_id>/pdf")
@requires("client")
@client_blueprint.doc(responses=PDF_RESPONSE)
def my_statement_pdf(document_id: str) -> Any:
    return attachment(documents.download(wiring().unit_of_work, client_reader(), DocumentKind.STATEMENT, document_id))


@client_blueprint.get("/superbills/<document_id>/pdf")
@requires("client")
@client_blueprint.doc(responses=PDF_RESPONSE)
def my_superbill_pdf(document_id: str) -> Any:
    return attachment(documents.download(wiring().unit_of_work, client_reader(), DocumentKind.SUPERBILL, document_id))


@client_blueprint.get("/receipts/<payment_id>/pdf")
@requires("client")
@client_blueprint.doc(responses=PDF_RESPONSE)
def my_receipt_pdf(payment_id: str) -> Any:
    reader = client_reader()
    return attachment(documents.receipt(wiring().unit_of_work, wiring().identity, reader, payment_id, pdf_font()))


# Staff's, for any client of the practice.


@staff_blueprint.post("/clients/<client_id>/statements")
@allowed("generate_documents")
@staff_blueprint.arguments(StatementBody)
@staff_blueprint.response(201, DocumentsOut)
def generate_statement(body: dict[str, Any], client_id: str) -> Any:
    """The client's statement of a month (`YYYY-MM`) from the ledger: opening balance, charges,
    payments, adjustments, closing balance."""
    made = documents.generate_statement(
        wiring().unit_of_work, wiring().identity, staff_reader(), client_id, body["month"], pdf_font()
    )
    return _listed([made], "/api/v1/staff"), 201


@staff_blueprint.post("/clients/<client_id>/superbills")
@allowed("generate_documents")
@staff_blueprint.arguments(SuperbillBody)
@staff_blueprint.response(201, DocumentsOut)
def generate_superbill(body: dict[str, Any], client_id: str) -> Any:
    """A superbill of the client's CPT services with diagnoses dated `from`..`to` (both included)."""
    period = (body["from_"], body["to"])
    made = documents.generate_superbill(
        wiring().unit_of_work, wiring().identity, staff_reader(), client_id, period, pdf_font()
    )
    return _listed([made], "/api/v1/staff"), 201


@staff_blueprint.get("/clients/<client_id>/statements")
@allowed("read_billing")
@staff_blueprint.response(200, DocumentsOut)
def statements_of(client_id: str) -> Any:
    practice_id = staff_caller().practice_id
    found = documents.documents_of(wiring().unit_of_work, practice_id, client_id, DocumentKind.STATEMENT)
    return _listed(found, "/api/v1/staff")


@staff_blueprint.get("/clients/<client_id>/superbills")
@allowed("read_billing")
@staff_blueprint.response(200, DocumentsOut)
def superbills_of(client_id: str) -> Any:
    practice_id = staff_caller().practice_id
    found = documents.documents_of(wiring().unit_of_work, practice_id, client_id, DocumentKind.SUPERBILL)
    return _listed(found, "/api/v1/staff")


@staff_blueprint.get("/clients/<client_id>/receipts")
@allowed("read_billing")
@staff_blueprint.response(200, ReceiptsOut)
def receipts_of(client_id: str) -> Any:
    return _receipts(staff_caller().practice_id, client_id, "/api/v1/staff")


@staff_blueprint.get("/clients/<client_id>/documents/audit")
@allowed("read_document_audit")
@staff_blueprint.response(200, DocumentAuditListOut)
def document_audit(client_id: str) -> Any:
    """Who generated or downloaded which of the client's documents, oldest first."""
    return {"items": documents.audit_of_client(wiring().unit_of_work, staff_caller().practice_id, client_id)}


@staff_blueprint.get("/statements/<document_id>/pdf")
@allowed("read_billing")
@staff_blueprint.doc(responses=PDF_RESPONSE)
def statement_pdf(document_id: str) -> Any:
    return attachment(documents.download(wiring().unit_of_work, staff_reader(), DocumentKind.STATEMENT, document_id))


@staff_blueprint.get("/superbills/<document_id>/pdf")
@allowed("read_billing")
@staff_blueprint.doc(responses=PDF_RESPONSE)
def superbill_pdf(document_id: str) -> Any:
    return attachment(documents.download(wiring().unit_of_work, staff_reader(), DocumentKind.SUPERBILL, document_id))


@staff_blueprint.get("/receipts/<payment_id>/pdf")
@allowed("read_billing")
@staff_blueprint.doc(responses=PDF_RESPONSE)
def receipt_pdf(payment_id: str) -> Any:
    reader = staff_reader()
    return attachment(documents.receipt(wiring().unit_of_work, wiring().identity, reader, payment_id, pdf_font()))
