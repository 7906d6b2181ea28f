"""Forms: templates, assignments, consents with e-signature, PHQ-9 / GAD-7 assessments."""
