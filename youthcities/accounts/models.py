import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **fields)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Only `display_name` is ever shown in public."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("The only name shown in public. It need not be your real name."),
    )
    legal_name = models.CharField(
        _("legal name"),
        max_length=150,
        blank=True,
        help_text=_("Private: used only for grant agreements and payments."),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_staff = models.BooleanField(_("can use the admin"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Set when the person erased their account: the row stays only so that the records the law
    # makes us keep (submitted applications, awards, the ledger) point at "Former member".
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")
        ]

    def __str__(self):
        return self.display_name or self.email

    # Django, Wagtail and allauth show people by these: the public display name, never the
    # legal name (the admin's reports and histories are read by activists as young as 14).
    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def public_name(self) -> str:
        """The name shown in public, in the reader's language once the person has left."""
        return str(_("Former member")) if self.erased_at else self.display_name

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, timezone.localdate())


class GuardianConsent(models.Model):
    """A parent's or guardian's consent for a young person below the age of digital consent."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="guardian_consent", verbose_name=_("user")
    )
    guardian_email = models.EmailField(_("guardian's email"))
    # Rotated on every new link, so an older link stops working once a new one is sent.
    link_nonce = models.CharField(max_length=32)
    requested_at = models.DateTimeField(_("first requested"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("link last sent"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by_name = models.CharField(_("confirmed by"), max_length=150, blank=True)
    # The guardian withdrew from the link in their copy of the consent: blocked again.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The language of the page on which the guardian confirmed: later emails to them use it.
    language = models.CharField(
        _("guardian's language"), max_length=2, choices=Language.choices, blank=True
    )

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")

    def __str__(self):
        return f"{self.user} ← {self.guardian_email}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def guardian_language(self) -> str:
        """The language the guardian used, or else the young person's."""
        return self.language or self.user.preferred_language or Language.ENGLISH
