"""What calls tell the floors above without importing them: `grants.review` listens."""

from django.dispatch import Signal

# Sent with `call=` and `actor=` after staff saved a change to a rubric that has scores.
rubric_saved = Signal()
