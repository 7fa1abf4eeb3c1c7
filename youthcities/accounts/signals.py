"""What accounts tell the floors above without importing them."""

from django.dispatch import Signal

# Sent (inside the transaction) when a guardian withdraws their consent; kwargs: user, consent.
# Grants withdraws the young person's applications under review and tells programme staff.
guardian_consent_withdrawn = Signal()
