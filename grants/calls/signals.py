"""What calls tell the floors above without importing them: `grants.review` listens."""

from django.dispatch import Signal

# Sent with `call=` and `actor=` after staff saved a change to a rubric that has scores.
rubric_saved = Signal()

# Sent by `ranking_touch` inside the transaction of every change a call's ranking shows, with
# `call_id=`, `applications=` (ids whose status, filters or reviews changed), `reviewers=` (ids
# whose scores changed: each of their reviews' z-scores moves) and `whole=` (everything, e.g. a
# rubric's weights): `grants.review` keeps its score table with it.
ranking_changed = Signal()
