"""Lessons: anyone reads them; a signed-in person marks them done, one at a time, in order."""

from django.urls import reverse
from wagtail.models import Locale

from training.models import LessonDone
from training.progress import progress_of
from youthcities.audit.models import AuditEntry

from .conftest import translated


def done_url(module, lesson_id):
    return reverse("training:lesson_done", args=[module.pk, lesson_id])


def test_marking_a_lesson_done_records_it_and_goes_on_to_the_next(client, module, learner):
    client.force_login(learner)
    first, second = module.lesson_ids
    response = client.post(done_url(module, first))
    assert response.status_code == 302
    assert response["Location"] == module.url + "lessons/2/"
    assert set(LessonDone.objects.filter(user=learner).values_list("lesson_id", flat=True)) == {
        first
    }
    assert AuditEntry.objects.filter(action="training.lesson_done", actor=learner).count() == 1
    response = client.post(done_url(module, second))
    assert response["Location"] == module.url + "quiz/"


def test_marking_a_lesson_done_twice_keeps_one_record(client, module, learner):
    client.force_login(learner)
    lesson = module.lesson_ids[0]
    client.post(done_url(module, lesson))
    client.post(done_url(module, lesson))
    assert LessonDone.objects.filter(user=learner).count() == 1
    assert AuditEntry.objects.filter(action="training.lesson_done").count() == 1


def test_a_lesson_id_not_of_the_module_is_a_404_and_records_nothing(client, module, learner):
    client.force_login(learner)
    assert client.post(done_url(module, "not-a-lesson")).status_code == 404
    assert not LessonDone.objects.exists()


def test_marking_done_is_a_post(client, module, learner):
    client.force_login(learner)
    assert client.get(done_url(module, module.lesson_ids[0])).status_code == 405
    assert not LessonDone.objects.exists()


def test_anonymous_reads_every_lesson_but_signs_in_to_record_progress(client, module):
    response = client.get(module.url + "lessons/1/")
    assert response.status_code == 200
    assert "Stories." in response.text
    assert "Sign in to record your progress" in response.text
    assert "Mark as done and continue" not in response.text
    response = client.post(done_url(module, module.lesson_ids[0]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={module.url}" in response["Location"].replace("%2F", "/")
    assert not LessonDone.objects.exists()


def test_a_signed_in_person_sees_the_button_and_then_done(client, module, learner):
    client.force_login(learner)
    page = client.get(module.url + "lessons/1/").text
    assert "Mark as done and continue" in page
    client.post(done_url(module, module.lesson_ids[0]))
    page = client.get(module.url + "lessons/1/").text
    assert "Mark as done and continue" not in page
    assert "1 of 2 lessons done" in client.get(module.url).text


def test_a_lesson_number_past_the_last_is_a_404(client, module):
    assert client.get(module.url + "lessons/3/").status_code == 404
    assert client.get(module.url + "lessons/0/").status_code == 404


def test_the_video_plays_in_privacy_enhanced_mode_with_a_title(client, module):
    page = client.get(module.url + "lessons/2/").text
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert 'title="Five tips"' in page
    assert "youtube.com/embed" not in page.replace("youtube-nocookie.com/embed", "")


def test_progress_follows_the_module_into_another_language(client, module, learner):
    french = translated(module, "fr", title="Campagnes de contre-discours")
    assert french.locale == Locale.objects.get(language_code="fr")
    client.force_login(learner)
    client.post(done_url(module, module.lesson_ids[0]))
    assert french.lesson_ids == module.lesson_ids
    assert progress_of(user=learner, module=french).done == {module.lesson_ids[0]}
    assert client.get(french.url).status_code == 200
