from django.core.management.base import BaseCommand

from opvangregie.notices.services import digest_send


class Command(BaseCommand):
    help = ("Verstuurt de dagelijkse e-mail met wat aandacht vraagt (termijnen, embargo's, "
            "verouderde cijfers). Elk bericht gaat één keer; draai dit dagelijks via cron of "
            "een systemd-timer.")

    def handle(self, *args, **options):
        mails = digest_send()
        self.stdout.write(f"{mails} e-mail(s) verstuurd.")
