"""The ledger is append-only in the database too (a trigger refuses UPDATE and DELETE on
PostgreSQL), and the list of countries Stripe Connect pays out to starts from Stripe's own list.
The list is data: finance change it in the admin as Stripe's coverage changes."""

from django.db import migrations

# Countries where Stripe Connect accounts can receive payouts (domestic or cross-border), as
# Stripe published them. Lebanon (LB) and Kosovo (XK) are not served: they are paid manually.
STRIPE_COUNTRIES = (
    "AE AL AM AR AT AU AZ BA BD BE BG BJ BN BO BR BS BW CA CH CI CL CO CR CY CZ DE DK DO EC EE "
    "EG ES ET FI FR GA GB GH GI GM GR GT GY HK HR HU ID IE IL IN IS IT JM JO JP KE KH KR KW KZ "
    "LA LC LI LK LT LU LV MA MC MD MG MK MN MO MT MU MX MY MZ NA NE NG NL NO NZ OM PA PE PH PK "
    "PL PT PY QA RO RS RW SA SE SG SI SK SM SN SV TH TN TR TT TW TZ US UY UZ VN ZA"
).split()
NOT_SERVED = {"LB": "Not served by Stripe Connect", "XK": "Not served by Stripe Connect"}

TRIGGER = """
CREATE OR REPLACE FUNCTION grants_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'grants_ledgerentry is append-only: %% refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER grants_ledger_append_only
    BEFORE UPDATE OR DELETE ON grants_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION grants_ledger_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS grants_ledger_append_only ON grants_ledgerentry;
DROP FUNCTION IF EXISTS grants_ledger_append_only();
"""


def trigger_add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def trigger_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


def countries_add(apps, schema_editor):
    PayoutCountry = apps.get_model("grants", "PayoutCountry")
    for code in STRIPE_COUNTRIES:
        PayoutCountry.objects.get_or_create(country=code, defaults={"stripe_supported": True})
    for code, note in NOT_SERVED.items():
        PayoutCountry.objects.get_or_create(
            country=code, defaults={"stripe_supported": False, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("grants", "0004_awards")]

    operations = [
        migrations.RunPython(trigger_add, trigger_drop),
        migrations.RunPython(countries_add, migrations.RunPython.noop),
    ]
