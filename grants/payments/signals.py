"""What payments tell the floor above without importing it: `grants.awards` listens."""

from django.dispatch import Signal

# Sent inside the payment's transaction, with `tranche=`, once a tranche is paid.
tranche_paid = Signal()
