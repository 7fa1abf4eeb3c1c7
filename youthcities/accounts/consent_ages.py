"""Age of digital consent per country (ISO 3166-1 alpha-2), the age from which a young person
may agree to the processing of their data without a parent or guardian.

EU values are the member states' choices under GDPR Art. 8(1); the others are national law.
Countries not listed use DEFAULT_CONSENT_AGE, the GDPR default.
"""

DEFAULT_CONSENT_AGE = 16
MINIMUM_AGE = 13

CONSENT_AGES: dict[str, int] = {
    # European Union, GDPR Art. 8
    "AT": 14, "BE": 13, "BG": 14, "HR": 16, "CY": 14, "CZ": 15, "DK": 13, "EE": 13, "FI": 13,
    "FR": 15, "DE": 16, "GR": 15, "HU": 16, "IE": 16, "IT": 14, "LV": 13, "LT": 14, "LU": 16,
    "MT": 13, "NL": 16, "PL": 16, "PT": 13, "RO": 16, "SK": 16, "SI": 15, "ES": 14, "SE": 13,
    # Elsewhere
    "GB": 13,  # UK GDPR and the Data Protection Act 2018
    "US": 13,  # COPPA
    "KE": 18,  # Kenya Data Protection Act 2019: a child is under 18
}  # fmt: skip


def consent_age_for(country_code: str) -> int:
    return CONSENT_AGES.get((country_code or "").upper(), DEFAULT_CONSENT_AGE)
