"""The models of every part of the network, imported here for Django (one app label,
`network`). Code imports a model from its own part, e.g. `youthcities.network.workshops.models`."""

from youthcities.network.cities.models import City, CityStaff, Organisation, Region
from youthcities.network.follows.models import DigestSetting, Follow, Notification
from youthcities.network.workshops.models import (
    Answer,
    Attendance,
    Commitment,
    ProgressUpdate,
    Recommendation,
    Registration,
    ServesTheCity,
    Workshop,
    WorkshopSession,
)

__all__ = [
    "Answer",
    "Attendance",
    "City",
    "CityStaff",
    "Commitment",
    "DigestSetting",
    "Follow",
    "Notification",
    "Organisation",
    "ProgressUpdate",
    "Recommendation",
    "Region",
    "Registration",
    "ServesTheCity",
    "Workshop",
    "WorkshopSession",
]
