"""What the review screens read: a reviewer's assignments, the ranking of a call, and each
reviewer's calibration against the panel. The statistics are computed in the database, in a
constant number of queries whatever the number of applications."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, Prefetch, Q, QuerySet, StdDev

from grants.applications.models import Application
from grants.calls.models import GrantCall
from grants.review.models import RANKING_ORDERS, CriterionScore, Review, ReviewAssignment
from grants.review.scores import RANKED_STATUSES

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

ORDERS = RANKING_ORDERS  # each served by its index of the score table (see models)

# One page of the ranking, read from the score table that every change keeps up to date
# (grants/review/scores.py): an index scan in the page's order that stops after the page's rows,
# whatever the size of the call. The normalised score is the z mean put back on the rubric's
# scale with the panel's mean and standard deviation (the same order as the z mean).
RANKING_SQL = """
WITH page AS (
    SELECT s.application_id AS id, s.reference, s.reviews, s.mean, s.spread, s.z
    FROM grants_applicationscore s
    WHERE s.call_id = %(call)s {where}
    ORDER BY {order}, s.reference
    LIMIT %(limit)s OFFSET %(offset)s
){places}
SELECT page.id, page.reference, page.reviews, page.mean, page.spread, page.z,
       cs.panel_mean + page.z * COALESCE(cs.panel_sd, 0) AS normalised,
       {position} AS position,
       {total} AS total,
       app.title, app.status, app.theme, app.awarded_amount, city.name AS city,
       (SELECT {score_list} FROM grants_review rv
         WHERE rv.application_id = page.id AND rv.status = 'submitted') AS score_list,
       cs.applications AS progress_applications,
       cs.assigned AS progress_assigned,
       cs.conflicts AS progress_conflicts,
       cs.submitted AS progress_submitted,
       (SELECT MIN(scale_min) FROM grants_rubriccriterion WHERE call_id = %(call)s) AS scale_low,
       (SELECT MAX(scale_max) FROM grants_rubriccriterion WHERE call_id = %(call)s) AS scale_high
FROM page
JOIN grants_application app ON app.id = page.id
LEFT JOIN network_city city ON city.id = app.city_id
{places_join}
LEFT JOIN grants_callscores cs ON cs.call_id = %(call)s
ORDER BY {page_order}, page.reference
"""

# A row's place is 1 + the number of rows with a higher normalised score (RANK()).
# In the normalised order the page's places follow from the place of its first row: the rows
# above it are among the `offset` rows before the page, read in index order (none on page 1).
ABOVE_THE_PAGE = """(SELECT COUNT(*) FROM
    (SELECT s.z FROM grants_applicationscore s WHERE s.call_id = %(call)s {where}
     ORDER BY s.z DESC NULLS LAST, s.reference LIMIT %(offset)s) before,
    (SELECT z FROM page ORDER BY z DESC NULLS LAST, reference LIMIT 1) first
    WHERE before.z > first.z OR (first.z IS NULL AND before.z IS NOT NULL))"""
# In another order, the rows from the page's lowest score up are counted, per score.
PLACES = """,
above AS (
    SELECT s.z, COUNT(*) AS n FROM grants_applicationscore s
    WHERE s.call_id = %(call)s {where} AND s.z >= (SELECT MIN(z) FROM page)
    GROUP BY s.z
),
places AS (
    SELECT z, SUM(n) OVER (ORDER BY z DESC) - n AS higher FROM above
)"""
# Unscored rows come after every scored one.
PLACE = """CAST(1 + COALESCE(places.higher, (SELECT COUNT(s.z) FROM grants_applicationscore s
                                   WHERE s.call_id = %(call)s {where})) AS INTEGER)"""


FILTERED_TOTAL = (
    "(SELECT COUNT(*) FROM grants_applicationscore s WHERE s.call_id = %(call)s {where})"
)


def _order(key: str, table: str) -> str:
    column, descending = ORDERS.get(key, ORDERS["normalised"])
    return f"{table}.{column} {'DESC' if descending else 'ASC'} NULLS LAST"


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
        "limit": limit,
        "offset": offset,
        # A statistic, not money: a float compares the same on PostgreSQL and SQLite.
        "threshold": float(call.disagreement_threshold),
    }
    where = []
    if filters.city:
        where.append("AND s.city_id = %(city)s")
        params["city"] = filters.city
    if filters.theme:
        where.append("AND s.theme = %(theme)s")
        params["theme"] = filters.theme
    if filters.status:
        where.append("AND s.status = %(status)s")
        params["status"] = filters.status
    if filters.application:
        where.append("AND s.application_id = %(application)s")
        params["application"] = filters.application
    if filters.flagged:
        where.append("AND s.spread > %(threshold)s")
    where = " ".join(where)
    by_place = order not in ORDERS or order == "normalised"
    sql = RANKING_SQL.format(
        where=where,
        places="" if by_place else PLACES.format(where=where),
        places_join="" if by_place else "LEFT JOIN places ON places.z = page.z",
        position=(ABOVE_THE_PAGE if by_place else PLACE).format(where=where),
        order=_order(order, "s"),
        page_order=_order(order, "page"),
        # Unfiltered, the call's count is kept with the table; filtered, the rows are counted.
        total=FILTERED_TOTAL.format(where=where) if where else "cs.applications",
        score_list=(
            "STRING_AGG(CAST(rv.weighted_score AS TEXT), ',')"
            if connection.vendor == "postgresql"
            else "GROUP_CONCAT(rv.weighted_score, ',')"
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
    if by_place:
        _places_in_order(records, above=first["position"], offset=offset)
    rows = []
    for record in records:
        scores = record.pop("score_list")
        for extra in [name for name in record if name.startswith(("progress_", "scale_"))]:
            record.pop(extra)
        record.pop("total")
        record.pop("z")
        row = RankingRow(**{k: _decimal(v) if k in _DECIMALS else v for k, v in record.items()})
        row.scores = sorted(Decimal(s) for s in scores.split(",")) if scores else []
        if row.normalised is not None:  # back on the scale: an outlier never leaves it
            row.normalised = min(max(row.normalised, Decimal(low)), Decimal(high))
        row.flagged = row.spread is not None and row.spread > call.disagreement_threshold
        rows.append(row)
    return Ranking(rows=rows, total=total, scale=(low, high), progress=progress)


def _places_in_order(records: list[dict], *, above: int, offset: int) -> None:
    """RANK() down a page in the normalised order: a row tied with the one before shares its
    place, any other is placed after every row before it."""
    for index, record in enumerate(records):
        if index == 0:
            record["position"] = above + 1
        elif record["z"] == records[index - 1]["z"]:
            record["position"] = records[index - 1]["position"]
        else:
            record["position"] = offset + index + 1


_DECIMALS = {"mean", "spread", "normalised", "awarded_amount"}


def _decimal(value) -> Decimal | None:
    """PostgreSQL gives Decimals, SQLite floats; the screens get Decimals rounded to 3 places."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.001"))


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
