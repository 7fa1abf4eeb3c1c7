"""The countries where Stripe Connect pays out, as the portal starts with them. The list is data:
migration 0005 loads it, finance change it in the admin as Stripe's coverage changes, and
`payout_countries_ensure` restores missing rows (a fresh demo, a flushed test database)."""

from grants.payments.models import PayoutCountry

# Countries where Stripe Connect accounts can receive payouts (domestic or cross-border), as
# Stripe published them. Lebanon (LB) and Kosovo (XK) are not served: they are paid manually.
STRIPE_COUNTRIES = (  # noqa: SIM905  (a readable list of codes)
    "AE AL AM AR AT AU AZ BA BD BE BG BJ BN BO BR BS BW CA CH CI CL CO CR CY CZ DE DK DO EC EE "
    "EG ES ET FI FR GA GB GH GI GM GR GT GY HK HR HU ID IE IL IN IS IT JM JO JP KE KH KR KW KZ "
    "LA LC LI LK LT LU LV MA MC MD MG MK MN MO MT MU MX MY MZ NA NE NG NL NO NZ OM PA PE PH PK "
    "PL PT PY QA RO RS RW SA SE SG SI SK SM SN SV TH TN TR TT TW TZ US UY UZ VN ZA"
).split()
NOT_SERVED = {"LB": "Not served by Stripe Connect", "XK": "Not served by Stripe Connect"}


def payout_countries_ensure() -> None:
    """Add the starting rows that are missing; rows finance changed are left as they are."""

    have = set(PayoutCountry.objects.values_list("country", flat=True))
    PayoutCountry.objects.bulk_create(
        [PayoutCountry(country=c, stripe_supported=True) for c in STRIPE_COUNTRIES if c not in have]
        + [
            PayoutCountry(country=c, stripe_supported=False, note=note)
            for c, note in NOT_SERVED.items()
            if c not in have
        ]
    )
