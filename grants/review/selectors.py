"""What the review screens read: a reviewer's assignments, the ranking of a call, and each
reviewer's calibration against the panel. The statistics are computed in the database, in a
constant number of queries whatever the number of applications."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, Prefetch, Q, QuerySet, StdDev

from grants.applications.lifecycle import IN_REVIEW
from grants.applications.models import Application
from grants.calls.models import GrantCall
from grants.review.models import CriterionScore, Review, ReviewAssignment

State = ReviewAssignment.State
SUBMITTED = Review.Status.SUBMITTED


def assignments_of(reviewer) -> QuerySet[ReviewAssignment]:
    """The reviewer's assignments, with their review's status, newest calls first."""
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer)
        .select_related("application__call", "review")
        .order_by("-application__call__closes_at", "due_at", "application__reference")
    )


def assignment_for(reviewer, pk: int) -> ReviewAssignment | None:
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer, pk=pk)
        .select_related("application__call", "application__city", "review")
        .first()
    )


# --- Ranking ---------------------------------------------------------------------------------

ORDERS = {
    "normalised": "normalised DESC NULLS LAST",
    "-normalised": "normalised ASC NULLS LAST",
    "mean": "mean DESC NULLS LAST",
    "-mean": "mean ASC NULLS LAST",
    "spread": "spread DESC NULLS LAST",
    "-spread": "spread ASC NULLS LAST",
    "reviews": "reviews DESC",
    "-reviews": "reviews ASC",
}

# Per application: the number of submitted reviews, their mean weighted score, the spread
# (highest minus lowest) and the mean of the reviewers' z-scores. A reviewer's z-score turns
# each of their weighted scores into "how far above or below their own average, in their own
# standard deviations": a harsh and a lenient reviewer become comparable. The z mean is put back
# on the rubric's scale with the panel's mean and standard deviation.
RANKING_SQL = """
WITH submitted AS (
    -- A review exists only where the reviewer may score (no conflict, or overridden).
    SELECT rv.application_id, rv.reviewer_id,
           CAST(rv.weighted_score AS DOUBLE PRECISION) AS s  -- a statistic: floats are fast
    FROM grants_review rv
    WHERE rv.call_id = %(call)s AND rv.status = 'submitted'
),
by_reviewer AS (
    SELECT reviewer_id, AVG(s) AS m, STDDEV_POP(s) AS sd FROM submitted GROUP BY reviewer_id
),
panel AS (
    SELECT AVG(s) AS m, STDDEV_POP(s) AS sd FROM submitted
),
per_application AS (
    SELECT sub.application_id,
           COUNT(*) AS reviews,
           AVG(sub.s) AS mean,
           MAX(sub.s) - MIN(sub.s) AS spread,
           AVG(CASE WHEN r.sd > 0 THEN (sub.s - r.m) / r.sd ELSE 0 END) AS z
    FROM submitted sub JOIN by_reviewer r ON r.reviewer_id = sub.reviewer_id
    GROUP BY sub.application_id
),
ranked AS (
    SELECT app.id, app.reference,
           COALESCE(p.reviews, 0) AS reviews,
           p.mean,
           p.spread,
           panel.m + p.z * COALESCE(panel.sd, 0) AS normalised
    FROM grants_application app
    LEFT JOIN per_application p ON p.application_id = app.id
    CROSS JOIN panel
    WHERE app.call_id = %(call)s AND app.status IN %(statuses)s {where}
),
page AS (
    SELECT ranked.*,
           RANK() OVER (ORDER BY normalised DESC NULLS LAST) AS position,
           COUNT(*) OVER () AS total
    FROM ranked
    {flagged}
    ORDER BY {order}, reference
    LIMIT %(limit)s OFFSET %(offset)s
),
progress AS (
    SELECT COALESCE(SUM(CASE WHEN x.state <> 'conflicted' THEN 1 ELSE 0 END), 0) AS assigned,
           COALESCE(SUM(CASE WHEN x.state = 'conflicted' THEN 1 ELSE 0 END), 0) AS conflicts
    FROM grants_reviewassignment x
    WHERE x.call_id = %(call)s
)
-- Only the page's rows are joined to their titles and cities and get their scores listed.
SELECT page.*, app.title, app.status, app.theme, app.awarded_amount, city.name AS city,
       (SELECT {score_list} FROM grants_review rv
         WHERE rv.application_id = page.id AND rv.status = 'submitted') AS score_list,
       (SELECT COUNT(*) FROM grants_application a
         WHERE a.call_id = %(call)s AND a.status IN %(statuses)s) AS progress_applications,
       progress.assigned AS progress_assigned,
       progress.conflicts AS progress_conflicts,
       (SELECT COUNT(*) FROM submitted) AS progress_submitted,
       (SELECT MIN(scale_min) FROM grants_rubriccriterion WHERE call_id = %(call)s) AS scale_low,
       (SELECT MAX(scale_max) FROM grants_rubriccriterion WHERE call_id = %(call)s) AS scale_high
FROM page
JOIN grants_application app ON app.id = page.id
LEFT JOIN network_city city ON city.id = app.city_id
CROSS JOIN progress
ORDER BY {order}, page.reference
"""


@dataclass
class RankingFilters:
    city: int | None = None
    theme: str = ""
    status: str = ""
    flagged: bool = False
    application: int | None = None


@dataclass
class RankingRow:
    id: int
    reference: str
    title: str
    status: str
    theme: str
    city: str
    reviews: int
    mean: Decimal | None
    spread: Decimal | None
    normalised: Decimal | None
    position: int
    awarded_amount: Decimal | None
    flagged: bool = False
    scores: list[Decimal] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return Application.Status(self.status).label


@dataclass
class Ranking:
    rows: list[RankingRow]
    total: int
    scale: tuple[int, int]
    progress: "ReviewProgress | None"


# Statuses that appear in a ranking: everything submitted, in review or decided.
RANKED_STATUSES = (*IN_REVIEW, Application.Status.APPROVED, Application.Status.DECLINED)


def call_ranking(
    call: GrantCall,
    *,
    order: str = "normalised",
    filters: RankingFilters | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Ranking:
    """One page of the call's ranking, with each application's scores and the review's progress:
    one query, cached until the call's ranking changes (see grants/ranking_version.py)."""
    filters = filters or RankingFilters()
    key = (
        f"grants:ranking:{call.pk}:{call.ranking_version}:{call.disagreement_threshold}:"
        f"{order}:{filters.city}:{filters.theme}:{filters.status}:{filters.flagged}:"
        f"{filters.application}:"
        f"{limit}:{offset}"
    )
    ranking = cache.get(key)
    if ranking is None:
        ranking = _call_ranking(call, order=order, filters=filters, limit=limit, offset=offset)
        cache.set(key, ranking, RANKING_CACHE_SECONDS)
    return ranking


# A backstop only: every change the ranking shows moves the call to a new version.
RANKING_CACHE_SECONDS = 600


def _call_ranking(call, *, order, filters, limit, offset) -> Ranking:
    params: dict = {
        "call": call.pk,
        "statuses": tuple(RANKED_STATUSES),
        "limit": limit,
        "offset": offset,
        # A statistic, not money: a float compares the same on PostgreSQL and SQLite.
        "threshold": float(call.disagreement_threshold),
    }
    where = []
    if filters.city:
        where.append("AND app.city_id = %(city)s")
        params["city"] = filters.city
    if filters.theme:
        where.append("AND app.theme = %(theme)s")
        params["theme"] = filters.theme
    if filters.status:
        where.append("AND app.status = %(status)s")
        params["status"] = filters.status
    if filters.application:
        where.append("AND app.id = %(application)s")
        params["application"] = filters.application
    sql = RANKING_SQL.format(
        where=" ".join(where),
        flagged="WHERE spread > %(threshold)s" if filters.flagged else "",
        order=ORDERS.get(order, ORDERS["normalised"]),
        score_list=(
            "STRING_AGG(CAST(rv.weighted_score AS TEXT), ',')"
            if connection.vendor == "postgresql"
            else "GROUP_CONCAT(rv.weighted_score, ',')"
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(*_expand_in(sql, params))
        columns = [c[0] for c in cursor.description]
        records = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    if not records:
        return Ranking(rows=[], total=0, scale=(1, 5), progress=None)
    first = records[0]
    total = first["total"]
    # The rubric's scale (the call form keeps one scale for all of a call's criteria).
    low = first["scale_low"] if first["scale_low"] is not None else 1
    high = first["scale_high"] if first["scale_high"] is not None else 5
    progress = ReviewProgress(
        applications=first["progress_applications"],
        expected=first["progress_applications"] * call.reviewers_per_application,
        assigned=first["progress_assigned"],
        submitted=first["progress_submitted"],
        conflicts=first["progress_conflicts"],
    )
    rows = []
    for record in records:
        scores = record.pop("score_list")
        for extra in [name for name in record if name.startswith(("progress_", "scale_"))]:
            record.pop(extra)
        record.pop("total")
        row = RankingRow(**{k: _decimal(v) if k in _DECIMALS else v for k, v in record.items()})
        row.scores = sorted(Decimal(s) for s in scores.split(",")) if scores else []
        if row.normalised is not None:  # back on the scale: an outlier never leaves it
            row.normalised = min(max(row.normalised, Decimal(low)), Decimal(high))
        row.flagged = row.spread is not None and row.spread > call.disagreement_threshold
        rows.append(row)
    return Ranking(rows=rows, total=total, scale=(low, high), progress=progress)


_DECIMALS = {"mean", "spread", "normalised", "awarded_amount"}


def _decimal(value) -> Decimal | None:
    """PostgreSQL gives Decimals, SQLite floats; the screens get Decimals rounded to 3 places."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.001"))


def _expand_in(sql: str, params: dict) -> tuple[str, dict]:
    """`IN %(statuses)s` with a tuple works on PostgreSQL only; spell the list out for both."""
    statuses = params.pop("statuses")
    names = []
    for index, status in enumerate(statuses):
        params[f"status_{index}"] = status
        names.append(f"%(status_{index})s")
    return sql.replace("%(statuses)s", "(" + ", ".join(names) + ")"), params


def application_standing(application: Application) -> RankingRow | None:
    """One application's mean, spread and normalised score, computed against its whole call
    (the reviewers' z-scores come from all their reviews): the ranking's query, one row."""
    ranking = call_ranking(
        application.call, filters=RankingFilters(application=application.pk), limit=1
    )
    return ranking.rows[0] if ranking.rows else None


def application_reviews(application: Application) -> list[Review]:
    """The submitted reviews of an application, each with its reviewer and its scores per
    criterion in the rubric's order, for the decision page: two queries."""
    return list(
        Review.objects.filter(application=application, status=SUBMITTED)
        .select_related("reviewer")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__sort_order", "criterion__pk"
                ),
            )
        )
        .order_by("submitted_at", "pk")
    )


@dataclass
class ReviewProgress:
    applications: int
    expected: int  # applications × reviewers per application
    assigned: int
    submitted: int
    conflicts: int

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.submitted / self.expected)) if self.expected else 0


def review_progress(call: GrantCall) -> ReviewProgress:
    """How far the review of a call has come: one query."""
    counts = ReviewAssignment.objects.filter(call=call).aggregate(
        assigned=Count("pk", filter=~Q(state=State.CONFLICTED)),
        submitted=Count(
            "pk",
            filter=Q(review__status=SUBMITTED, state__in=ReviewAssignment.SCORING_STATES),
        ),
        conflicts=Count("pk", filter=Q(state=State.CONFLICTED)),
    )
    applications = call.applications.filter(status__in=RANKED_STATUSES).count()
    return ReviewProgress(
        applications=applications,
        expected=applications * call.reviewers_per_application,
        assigned=counts["assigned"],
        submitted=counts["submitted"],
        conflicts=counts["conflicts"],
    )


@dataclass
class Calibration:
    reviewer_id: int
    name: str
    reviews: int
    mean: Decimal | None
    sd: Decimal | None
    difference: Decimal | None  # their mean minus the panel's


def call_calibration(call: GrantCall) -> tuple[list[Calibration], dict]:
    """Each reviewer's mean and spread against the panel's: who scores harshly, who leniently."""
    submitted = Review.objects.filter(status=SUBMITTED, call=call)
    panel = submitted.aggregate(
        reviews=Count("pk"), mean=Avg("weighted_score"), sd=StdDev("weighted_score")
    )
    panel = {k: _decimal(v) if k != "reviews" else v for k, v in panel.items()}
    rows = []
    for record in (
        submitted.values("reviewer_id", "reviewer__display_name")
        .annotate(reviews=Count("pk"), mean=Avg("weighted_score"), sd=StdDev("weighted_score"))
        .order_by("reviewer__display_name")
    ):
        mean = _decimal(record["mean"])
        rows.append(
            Calibration(
                reviewer_id=record["reviewer_id"],
                name=record["reviewer__display_name"],
                reviews=record["reviews"],
                mean=mean,
                sd=_decimal(record["sd"]),
                difference=mean - panel["mean"] if mean is not None else None,
            )
        )
    return rows, panel
