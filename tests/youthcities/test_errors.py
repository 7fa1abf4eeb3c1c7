"""Every error a service raises speaks the reader's language: its message is lazy, so a class
defined at import (in English) still renders in French and Arabic when shown."""

import importlib
import pkgutil

import pytest
from django.utils import translation

import grants
import youthcities
from grants.review.services import ReviewClosed
from youthcities.errors import ServiceError
from youthcities.money import TooManyDecimals


def all_error_classes():
    for package in (youthcities, grants):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in info.name and not info.name.endswith(".settings"):
                importlib.import_module(info.name)
    seen, todo = [], [ServiceError]
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return seen


def with_own_message():
    return [cls for cls in all_error_classes() if "message" in cls.__dict__]


def test_every_module_is_found():
    names = {cls.__name__ for cls in all_error_classes()}
    assert {"ReviewClosed", "BadMoney", "BadSchedule", "CallClosed", "TooYoung"} <= names


@pytest.mark.parametrize("cls", with_own_message(), ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_each_error_message_renders_in_the_readers_language(cls, language):
    with translation.override("en"):
        english = str(cls.message)
    with translation.override(language):
        assert str(cls.message) != english, f"{cls.__name__}: “{english}” is not translated"


def test_review_closed_in_french_and_arabic():
    with translation.override("fr"):
        assert "évaluation" in str(ReviewClosed().message)
    with translation.override("ar"):
        assert "تقييم هذه الدعوة" in str(ReviewClosed().message)


def test_errors_are_compared_by_code_not_text():
    assert ReviewClosed.code == "review_closed"
    assert TooManyDecimals("XOF").code == "too_many_decimals"
    with translation.override("fr"):
        assert "XOF" in TooManyDecimals("XOF").message
