"""`opvangregie serve`: the production web server (gunicorn) in front of this Django project."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    # Gunicorn's advice: two per core plus one; sync workers wait on the database, not the CPU.
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = ("Start de webserver voor productie (gunicorn). Zet OPVANGREGIE_PRODUCTION=1; "
            "draai achter een TLS-proxy. Statische bestanden worden eerst verzameld.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"),
                            help="Adres en poort (standaard 127.0.0.1:8000).")
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WORKERS", default_workers())),
                            help="Aantal werkprocessen (standaard 2 × cores + 1).")
        parser.add_argument("--timeout", type=int, default=60,
                            help="Seconden voordat een vastgelopen verzoek wordt afgebroken.")
        parser.add_argument("--no-collectstatic", action="store_true",
                            help="Sla het verzamelen van statische bestanden over.")

    def handle(self, *args, bind, workers, timeout, no_collectstatic, **options):
        if workers < 1:
            raise CommandError("--workers moet minstens 1 zijn.")
        if not settings.PRODUCTION:
            self.stderr.write("Let op: OPVANGREGIE_PRODUCTION staat niet aan; dit draait met "
                              "de instellingen voor de demo.")
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        from gunicorn.app.base import BaseApplication

        from opvangregie.wsgi import application

        options = {
            "bind": bind, "workers": workers, "timeout": timeout,
            # Gunicorn's own access log repeats the query string (search terms, names):
            # the app logs each request itself (core.requestlog) without them.
            "accesslog": None, "errorlog": "-", "loglevel": "info",
            # Behind the region's TLS proxy: trust its X-Forwarded-* headers.
            "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
            "proc_name": "opvangregie",
            # No run-time control socket in the home folder: systemd starts and stops it.
            "control_socket_disable": True,
            "max_requests": 2000, "max_requests_jitter": 200,
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in options.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        Server().run()
