"""The municipal loop for the network's tests: a young participant's recommendation, and the
city accepting it."""

import datetime

from youthcities.network.workshops.services import recommendation_answer, recommendation_create


def recommend(workshop, author):
    return recommendation_create(
        workshop=workshop,
        author=author,
        title="A youth council with a budget",
        text="Give the youth council a small budget it decides on.",
        theme="inclusion",
        department="Youth and sports",
    )


def accept(recommendation, officer):
    return recommendation_answer(
        recommendation=recommendation,
        actor=officer,
        decision="accepted",
        explanation="Yes",
        owner="Youth",
        due_on=datetime.date(2027, 1, 1),
    )
