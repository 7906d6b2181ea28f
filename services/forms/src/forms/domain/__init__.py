"""The rules of forms, consents and assessments; no Flask, no SQLAlchemy, no pika."""
