from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def refresh_sqlite_statistics(sender, using: str = "default", **kwargs) -> None:
    """Give SQLite's query planner table statistics after every `migrate` (deploy, update).

    PostgreSQL keeps its statistics itself (autovacuum); SQLite has none until ANALYZE runs.
    Without them it reads a capacity query through the index on (location, registered_at),
    every record the locations ever had, instead of the few of one period
    (docs/performance.md).
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class CoreConfig(AppConfig):
    name = "opvangregie.core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from opvangregie.core.cache import connect_invalidation

        connect_invalidation()
        # Once per migrate (post_migrate is sent per app): for this app only.
        post_migrate.connect(refresh_sqlite_statistics, sender=self,
                             dispatch_uid="core:refresh-sqlite-statistics")
