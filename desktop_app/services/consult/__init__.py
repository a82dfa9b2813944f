"""Consultations: events, household opinions and demands, complaints and hotline tickets, figures, registers."""
