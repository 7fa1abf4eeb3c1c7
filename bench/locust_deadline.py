"""The deadline rush as locust users (bench/benchmarks/deadline.py runs this file headless).

Applicants (one per prepared draft, logged in through a prepared session) fill the steps of
their application, upload a small PDF to the documents step, keep saving the project step as
people do in the last hour, and press Submit once at their own moment around the deadline;
readers read the campaign and call pages. A `Bare` class requests the bare Django view (the
yardstick, run alone in a second phase of the same benchmark) with the applicants' sessions.

Every outcome is written to DEADLINE_OUT as JSON when the run stops."""

import json
import os
import random
import re
import time

from locust import HttpUser, between, constant, events, task
from locust.exception import StopUser

DATA = json.loads(open(os.environ["DEADLINE_DATA"]).read())  # noqa: SIM115
DEADLINE = float(DATA["deadline"])  # epoch seconds, this machine's clock (the server's too)
SPREAD = float(os.environ.get("DEADLINE_SPREAD", "12"))  # submissions within ± this of it
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 4000
_drafts = iter(DATA["drafts"])
_outcomes: list[dict] = []
_errors_seen: list[int] = []
_timed: list[tuple[float, float]] = []  # (answered at, milliseconds) of each step save / bare view


@events.request.add_listener
def _count(name="", response_time=0, response=None, **kwargs):
    if response is not None and getattr(response, "status_code", 0) >= 500:
        _errors_seen.append(response.status_code)
    if name.startswith("save ") or name == "bare":
        _timed.append((time.time(), response_time))


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["DEADLINE_OUT"], "w") as out:
        json.dump({"outcomes": _outcomes, "server_errors": len(_errors_seen), "timed": _timed}, out)


class Jar:
    """Production cookies are Secure and this is plain HTTP on loopback: keep them by hand."""

    def __init__(self, **cookies):
        self.cookies = dict(cookies)

    def header(self) -> dict:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def keep(self, response) -> None:
        for name, value in response.cookies.items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)


class Applicant(HttpUser):
    fixed_count = int(os.environ.get("DEADLINE_APPLICANTS", "300"))
    wait_time = constant(0)  # a rush: nobody waits between saves

    def on_start(self):
        try:
            self.draft = next(_drafts)
        except StopIteration:
            raise StopUser() from None
        self.jar = Jar(**{self.draft["cookie_name"]: self.draft["cookie"]})
        self.base = f"/en/grants/{DATA['call']}/apply"
        self.submit_at = DEADLINE + random.uniform(-SPREAD, SPREAD)  # noqa: S311
        self.filled = False
        self.title = None
        self.saves = 0

    def _get(self, step, name):
        response = self.client.get(
            f"{self.base}/{step}/", headers=self.jar.header(), allow_redirects=False, name=name
        )
        self.jar.keep(response)
        return response

    def _post(self, step, fields, files=None, name=None):
        version = self.draft.get("version")
        if version is None:
            page = self._get(step, f"GET {step}")
            version = int(re.search(r'name="draft_version" value="(\d+)"', page.text).group(1))
        data = {
            "csrfmiddlewaretoken": self.jar.cookies.get("csrftoken", ""),
            f"application_{self.draft['pk']}-current_step": step,
            "draft_version": version,
            **fields,
        }
        response = self.client.post(
            f"{self.base}/{step}/",
            data=data,
            files=files,
            headers=self.jar.header(),
            allow_redirects=False,
            name=name or f"save {step}",
        )
        self.jar.keep(response)
        self.draft["version"] = version + 1 if response.status_code == 302 else None
        return response

    def _fill(self):
        self._get("eligibility", "GET eligibility")  # the CSRF cookie
        steps = [
            ("eligibility", {"eligibility-city": self.draft["city"],
                             "eligibility-group_kind": "informal_group",
                             "eligibility-theme": "inclusion"}),
            ("team", {"team-group_name": f"Rush group {self.draft['pk']}",
                      "team-member_count": "5", "team-lead_role": "Lead"}),
            ("project", self._project("first")),
            ("budget", {"budget-TOTAL_FORMS": "1", "budget-INITIAL_FORMS": "0",
                        "budget-MIN_NUM_FORMS": "0", "budget-MAX_NUM_FORMS": "20",
                        "budget-0-description": "Materials", "budget-0-category": "materials",
                        "budget-0-amount": "250.00", "budget-0-currency": DATA["currency"]}),
        ]  # fmt: skip
        for step, fields in steps:
            if self._post(step, fields).status_code != 302:
                return False
        self.title = f"Rush {self.draft['pk']} first"
        pdf = {"documents-budget_sheet": ("budget.pdf", PDF, "application/pdf")}
        uploaded = self._post("documents", {}, files=pdf, name="upload PDF")
        return uploaded.status_code == 302

    def _project(self, edit):
        return {
            "project-title": f"Rush {self.draft['pk']} {edit}",
            "project-summary": "Stories that answer hate speech.",
            "project-problem": "Hate speech divides young people.",
            "project-audience": "Secondary school students.",
            "project-activities": f"Workshops, edit {edit}.",
            "project-timeline": "Six months.",
        }

    @task
    def rush(self):
        if not self.filled:
            self.filled = self._fill()
            if not self.filled:
                self._done("fill failed")
            return
        if time.time() < self.submit_at:
            self.saves += 1
            edit = str(self.saves)
            if self._post("project", self._project(edit)).status_code == 302:
                self.title = f"Rush {self.draft['pk']} {edit}"
            return
        sent = time.time()
        response = self._post(
            "review", {"review-declaration": "on", "review-consent": "on",
                       "submit_application": "1"}, name="submit",
        )  # fmt: skip
        location = response.headers.get("Location", "")
        if response.status_code == 302 and "/my/applications/" in location:
            self._done("accepted", sent)
        else:
            page = self._get("review", "GET review (refused)")
            message = "This call has closed" in page.text
            self._done("refused" if message else f"refused without the message {location}", sent)

    def _done(self, outcome, sent=None):
        _outcomes.append(
            {"pk": self.draft["pk"], "outcome": outcome, "sent": sent, "title": self.title}
        )
        raise StopUser()


class Reader(HttpUser):
    fixed_count = int(os.environ.get("DEADLINE_READERS", "50"))
    wait_time = between(1, 3)

    @task(2)
    def campaign(self):
        self.client.get(DATA["campaign"], name="campaign page")

    @task(1)
    def call(self):
        self.client.get(f"/en/grants/{DATA['call']}/", name="call page")


class Bare(HttpUser):
    """Only in the yardstick phase (`locust ... Bare`): the applicants, signed in with their own
    sessions as when they save, and the readers, anonymous, request the bare view."""

    wait_time = constant(0)

    def on_start(self):
        draft = next(_drafts, None)
        self.headers = Jar(**{draft["cookie_name"]: draft["cookie"]}).header() if draft else {}

    @task
    def bare(self):
        self.client.get("/bench/bare/", headers=self.headers, name="bare")


class BareAnonymous(Bare):
    """The cheapest yardstick of all, informational: the bare view for nobody signed in."""

    def on_start(self):
        self.headers = {}
