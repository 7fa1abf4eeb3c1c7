from django.conf import settings
from django.core.management import BaseCommand

from demo import content
from demo.hub import MEMBERS
from youthcities.accounts.roles import MFA_ROLES


class Command(BaseCommand):
    help = "Print the local addresses and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        base = f"http://127.0.0.1:{port}"
        lines = [
            "",
            "Young Cities is starting (Ctrl-C stops the web server and the worker).",
            f"  Portal:  {base}/en/   {base}/fr/   {base}/ar/",
            f"  Admin:   {base}/admin/",
            f"  Health:  {base}/healthz",
            "",
            f"Demo logins (password: {settings.DEMO_PASSWORD}):",
        ]
        for email, _display, _legal, age, _country, _city, _lang, roles in content.USERS:
            note = " (14, waiting for guardian consent)" if age < 18 else ""
            if set(roles) & set(MFA_ROLES):
                note = " (two-step verification: TOTP below)"
            lines.append(f"  {email:<31} {', '.join(roles)}{note}")
        for email, _display, _legal, city, _lang, _org, _role, _reason, approved in MEMBERS:
            state = "hub member" if approved else "applied for hub membership (waiting)"
            lines.append(f"  {email:<31} {state}, {city}")
        lines += [
            "",
            f"Demo TOTP secret (base32) of every privileged demo user: {content.DEMO_TOTP_SECRET}",
            "  Add it to any authenticator app (manual entry, 6 digits, 30 s) and type its code",
            "  when the login asks for one. Demo only: real staff enrol their own at first login.",
        ]
        lines.append("Emails (verification, guardian links) are printed below by the worker.\n")
        self.stdout.write("\n".join(lines))
