import pytest
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from cms.models import NavigationLink, NavigationSettings
from tests.campaigns.helpers import campaign_site
from tests.factories.accounts import UserFactory
from training.models import TrainingIndexPage, TrainingModulePage

# The right answers of the module below, by position.
ALL_RIGHT = {0: {1}, 1: {0, 2}, 2: {0}}


@pytest.fixture
def training_index(db):
    home = campaign_site().get_parent()
    index = TrainingIndexPage(title="Training", slug="training")
    home.add_child(instance=index)
    index.save_revision().publish()
    # In the main menu, as the demo puts it: by the editors' navigation setting.
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    NavigationLink.objects.create(setting=navigation, page=index, sort_order=9)
    return index


@pytest.fixture
def module(training_index):
    page = TrainingModulePage(
        title="Counter-narrative campaigns",
        slug="counter-narratives",
        summary="Answer hate with stories.",
        pass_mark=60,
        lessons=[
            (
                "lesson",
                {"title": "What it is", "content": [("paragraph", RichText("<p>Stories.</p>"))]},
            ),
            (
                "lesson",
                {
                    "title": "Your audience",
                    "content": [
                        ("paragraph", RichText("<p>Who hesitates.</p>")),
                        (
                            "embed",
                            {"video": "https://youtu.be/dQw4w9WgXcQ", "title": "Five tips"},
                        ),
                    ],
                },
            ),
        ],
        quiz=[
            _question("What does it do?", False, ["Argues", "Tells a story", "Reports"], {1}),
            _question("Which help?", True, ["Knowing them", "Preaching", "Testing"], {0, 2}),
            _question("A school on screen?", False, ["With consent", "Always"], {0}),
        ],
    )
    training_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _question(text, multiple, answers, right):
    return (
        "question",
        {
            "question": text,
            "multiple": multiple,
            "choices": [{"text": a, "correct": n in right} for n, a in enumerate(answers)],
        },
    )


@pytest.fixture
def learner(db):
    return UserFactory(display_name="Maya", legal_name="Maya Haddad-Secret")


def answers_for(module, by_position: dict[int, set[int]]) -> dict[str, set[int]]:
    return {q.id: by_position[n] for n, q in enumerate(module.quiz) if n in by_position}


def post_data(module, by_position) -> dict[str, list[str]]:
    return {
        q.id: [str(c) for c in by_position[n]]
        for n, q in enumerate(module.quiz)
        if n in by_position
    }


def translated(page, code, **fields):
    translation = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
