from django.conf import settings
from django.core.management import BaseCommand

from cms import demo_content


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
        for email, _display, _legal, age, _country, _city, _lang, roles in demo_content.USERS:
            note = " (14, waiting for guardian consent)" if age < 18 else ""
            lines.append(f"  {email:<24} {', '.join(roles)}{note}")
        lines.append("Emails (verification, guardian links) are printed below by the worker.\n")
        self.stdout.write("\n".join(lines))
