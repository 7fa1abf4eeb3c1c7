"""The score table of a call's ranking (`ApplicationScore`, `CallScores`), brought up to date
inside the transaction of every change the ranking shows: `ranking_touch` (grants.calls) sends
`ranking_changed` and `scores_refresh` answers it. One rule in one place: the formula below is
the only one; the migration that created the table and the benchmark's bulk seeding call it too.

Per application: the number of submitted reviews, their mean weighted score, the spread
(highest minus lowest) and the mean of the reviewers' z-scores. A reviewer's z-score turns
each of their weighted scores into "how far above or below their own average, in their own
standard deviations": a harsh and a lenient reviewer become comparable. The ranking puts the z
mean back on the rubric's scale with the panel's mean and standard deviation (kept per call).

A reviewer's average moves with each of their scores, so a change of one review refreshes every
application that reviewer scored in the call; a rubric change refreshes the whole call. Plain SQL
on table names, so that a migration can run it on its historical models' tables."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.dispatch import receiver

from grants.applications.lifecycle import IN_REVIEW
from grants.applications.models import Application
from grants.calls.signals import ranking_changed

# Statuses that appear in a ranking: everything submitted, in review or decided.
RANKED_STATUSES = (*IN_REVIEW, Application.Status.APPROVED, Application.Status.DECLINED)

REFRESH_ROWS = """
DELETE FROM grants_applicationscore WHERE application_id IN ({target})
"""

INSERT_ROWS = """
INSERT INTO grants_applicationscore
    (application_id, call_id, reference, status, theme, city_id, reviews, mean, spread, z)
WITH submitted AS (
    -- A review exists only where the reviewer may score (no conflict, or overridden).
    SELECT rv.application_id, rv.reviewer_id,
           CAST(rv.weighted_score AS DOUBLE PRECISION) AS s  -- a statistic: floats are fast
    FROM grants_review rv
    WHERE rv.call_id = %(call)s AND rv.status = 'submitted'
),
by_reviewer AS (
    SELECT reviewer_id, AVG(s) AS m, STDDEV_POP(s) AS sd FROM submitted
    WHERE reviewer_id IN (SELECT reviewer_id FROM submitted WHERE application_id IN ({target}))
    GROUP BY reviewer_id
),
per_application AS (
    SELECT sub.application_id,
           COUNT(*) AS reviews,
           AVG(sub.s) AS mean,
           MAX(sub.s) - MIN(sub.s) AS spread,
           AVG(CASE WHEN r.sd > 0 THEN (sub.s - r.m) / r.sd ELSE 0 END) AS z
    FROM submitted sub JOIN by_reviewer r ON r.reviewer_id = sub.reviewer_id
    WHERE sub.application_id IN ({target})
    GROUP BY sub.application_id
)
SELECT app.id, app.call_id, COALESCE(app.reference, ''), app.status, app.theme, app.city_id,
       COALESCE(p.reviews, 0), p.mean, p.spread, p.z
FROM grants_application app
LEFT JOIN per_application p ON p.application_id = app.id
WHERE app.id IN ({target}) AND app.status IN {statuses}
"""

# Only fixed SQL and placeholders are put together; every value is a bound parameter.
TARGET = "SELECT id FROM grants_application WHERE call_id = %(call)s AND ({parts})"
REVIEWERS_APPLICATIONS = """id IN (SELECT application_id FROM grants_review
    WHERE call_id = %(call)s AND status = 'submitted' AND reviewer_id IN {reviewers})"""

CALL_FIGURES = """
INSERT INTO grants_callscores
    (call_id, applications, assigned, conflicts, submitted, panel_mean, panel_sd)
SELECT %(call)s,
       (SELECT COUNT(*) FROM grants_applicationscore WHERE call_id = %(call)s),
       (SELECT COUNT(*) FROM grants_reviewassignment
         WHERE call_id = %(call)s AND state <> 'conflicted'),
       (SELECT COUNT(*) FROM grants_reviewassignment
         WHERE call_id = %(call)s AND state = 'conflicted'),
       COUNT(*), AVG(s), STDDEV_POP(s)
FROM (SELECT CAST(weighted_score AS DOUBLE PRECISION) AS s FROM grants_review
      WHERE call_id = %(call)s AND status = 'submitted') submitted
WHERE 1 = 1
ON CONFLICT (call_id) DO UPDATE SET
    applications = excluded.applications, assigned = excluded.assigned,
    conflicts = excluded.conflicts, submitted = excluded.submitted,
    panel_mean = excluded.panel_mean, panel_sd = excluded.panel_sd
"""


def scores_refresh(
    *, call_id: int, applications=(), reviewers=(), whole: bool = False, using=DEFAULT_DB_ALIAS
) -> None:
    """Recompute the score rows of the named applications, of every application the named
    reviewers scored in the call (their averages moved) or of the whole call, and the call's
    figures. Runs inside the caller's transaction; callers hold the call's row (ranking_touch
    updates it first), so two refreshes of one call never interleave."""
    params: dict = {"call": call_id}
    if whole:
        target = "SELECT id FROM grants_application WHERE call_id = %(call)s"
    else:
        parts = []
        if applications:
            parts.append(f"id IN {_in('app', applications, params)}")
        if reviewers:
            parts.append(REVIEWERS_APPLICATIONS.format(reviewers=_in("rev", reviewers, params)))
        target = TARGET.format(parts=" OR ".join(parts)) if parts else ""
    statuses = _in("status", RANKED_STATUSES, params)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        if target:
            cursor.execute(REFRESH_ROWS.format(target=target), params)
            cursor.execute(INSERT_ROWS.format(target=target, statuses=statuses), params)
        cursor.execute(CALL_FIGURES, params)


def _in(name: str, values, params: dict) -> str:
    """`IN (%(name_0)s, …)`: a tuple parameter works on PostgreSQL only; spelt out for both."""
    names = []
    for index, value in enumerate(values):
        params[f"{name}_{index}"] = value
        names.append(f"%({name}_{index})s")
    return "(" + ", ".join(names) + ")"


@receiver(ranking_changed)
def _refresh_when_ranking_changed(sender, call_id, applications, reviewers, whole, **kwargs):
    scores_refresh(call_id=call_id, applications=applications, reviewers=reviewers, whole=whole)
