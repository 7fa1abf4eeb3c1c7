"""Load demo data through the same services the portal uses. Running it twice changes nothing."""

from django.core.management import BaseCommand, call_command
from django.db import transaction

from cms.permissions import staff_permissions_ensure
from demo.accounts import seed_users
from demo.campaigns import seed_campaigns
from demo.cms import seed_pages, seed_resources, seed_settings
from demo.conversations import seed_conversations
from demo.grants import seed_awards, seed_grants, seed_reviews
from demo.hub import seed_hub
from demo.introductions import seed_introductions, seed_profiles
from demo.languages import seed_place_names
from demo.municipal import seed_municipal
from demo.network import seed_network, seed_workshops
from demo.privacy import seed_privacy
from demo.questions import seed_questions_and_letters
from demo.training import seed_training
from youthcities.accounts.services import roles_ensure_groups


class Command(BaseCommand):
    help = "Load demo cities, users (one per role) and pages in English, French and Arabic."

    def handle(self, *args, **options):
        with transaction.atomic():
            roles_ensure_groups()
            staff_permissions_ensure()
            seed_network()
            seed_place_names()
            seed_users()
            seed_pages()
            seed_workshops()
            seed_municipal()
            seed_grants()
            seed_questions_and_letters()
            seed_reviews()
            seed_awards()
            seed_conversations()
            seed_campaigns()
            seed_privacy()
            seed_resources()
            seed_hub()
            seed_training()
            seed_profiles()
            seed_introductions()
            seed_settings()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
