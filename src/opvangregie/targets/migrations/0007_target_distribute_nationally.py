from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Landelijk coördinator"


def national_group_create(apps, schema_editor):
    """The group that may run the national what-if; an administrator adds people to it.

    Permissions are normally created after all migrations; create this app's now so the
    group can hold the new one on a fresh database too.
    """
    config = apps.get_app_config("targets")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="targets",
                               codename="distribute_nationally")
    )


def national_group_remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0006_planned_effort_credit"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="target",
            options={
                "ordering": ["period_start", "kind", "amount"],
                "permissions": [
                    ("distribute_nationally", "mag een landelijke opgave doorrekenen")
                ],
                "verbose_name": "opgave",
                "verbose_name_plural": "opgaven",
            },
        ),
        migrations.RunPython(national_group_create, national_group_remove),
    ]
