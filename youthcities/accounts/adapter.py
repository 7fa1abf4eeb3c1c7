from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Sent through the background worker so that sign-up never waits on the mail server.
        from .tasks import send_email

        msg = self.render_mail(template_prefix, email, context)
        body = msg.body
        send_email.enqueue(subject=msg.subject, body=body, to=list(msg.to))
