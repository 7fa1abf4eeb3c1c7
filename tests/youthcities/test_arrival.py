"""When a request arrived: the load balancer's stamp, believed only when the setting names it."""

import datetime

import pytest
from django.test import RequestFactory, override_settings

from youthcities.arrival import request_arrival

NOW = datetime.datetime(2027, 3, 1, 12, 0, 0, tzinfo=datetime.UTC)
TEN_SECONDS_AGO = NOW - datetime.timedelta(seconds=10)


def arriving(stamp: str):
    return RequestFactory().post("/", headers={"X-Request-Start": stamp})


@override_settings(REQUEST_START_HEADER="X-Request-Start")
@pytest.mark.parametrize(
    "stamp",
    [
        f"t={TEN_SECONDS_AGO.timestamp():.3f}",  # nginx's $msec
        f"t={int(TEN_SECONDS_AGO.timestamp() * 1000)}",  # milliseconds
        f"t={int(TEN_SECONDS_AGO.timestamp() * 1_000_000)}",  # microseconds
        f"{TEN_SECONDS_AGO.timestamp():.3f}",  # without the "t="
    ],
)
def test_the_proxys_stamp_says_when_the_request_arrived(stamp):
    assert request_arrival(arriving(stamp), now=NOW) == TEN_SECONDS_AGO


@override_settings(REQUEST_START_HEADER="X-Request-Start")
@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "t=",
        "t=soon",
        "t=nan",
        "t=-5",
        "t=1e400",
        f"t={(NOW - datetime.timedelta(minutes=3)).timestamp()}",  # older than any queue
        f"t={(NOW + datetime.timedelta(seconds=30)).timestamp()}",  # from the future
        f"t={TEN_SECONDS_AGO.timestamp()}, t={TEN_SECONDS_AGO.timestamp()}",  # written twice
    ],
)
def test_a_stamp_that_makes_no_sense_means_now(stamp):
    assert request_arrival(arriving(stamp), now=NOW) == NOW


@override_settings(REQUEST_START_HEADER="X-Request-Start")
def test_a_stamp_a_little_ahead_of_our_clock_is_now():
    ahead = NOW + datetime.timedelta(seconds=1)
    assert request_arrival(arriving(f"t={ahead.timestamp()}"), now=NOW) == NOW


@override_settings(REQUEST_START_HEADER="")
def test_without_the_setting_a_visitors_own_stamp_is_ignored():
    assert request_arrival(arriving(f"t={TEN_SECONDS_AGO.timestamp()}"), now=NOW) == NOW
