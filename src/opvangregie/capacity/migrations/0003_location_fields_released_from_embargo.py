from django.db import migrations, models


def carry_over_releases(apps, schema_editor):
    """Locations opened from the search before this migration were made public as a whole
    when only their name was released. Make them confidential again and record, field by
    field, what the candidate's release made public (and from when)."""
    Location = apps.get_model("capacity", "Location")
    Release = apps.get_model("pipeline", "Release")
    for release in Release.objects.filter(candidate__location__isnull=False).select_related(
        "candidate"
    ):
        location = Location.objects.get(pk=release.candidate.location_id)
        if not location.is_confidential and release.release_name and release.release_address:
            continue  # everything identifying was released: public stays public
        location.is_confidential = True
        location.name_released_from = release.embargo_until if release.release_name else None
        location.address_released_from = (
            release.embargo_until if release.release_address else None
        )
        location.save(update_fields=["is_confidential", "name_released_from",
                                     "address_released_from"])


class Migration(migrations.Migration):

    dependencies = [
        ('capacity', '0002_capacityrecord_capacity_ca_locatio_527387_idx'),
        ('pipeline', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='location',
            name='address_released_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='adres openbaar vanaf'),
        ),
        migrations.AddField(
            model_name='location',
            name='name_released_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='naam openbaar vanaf'),
        ),
        migrations.RunPython(carry_over_releases, migrations.RunPython.noop),
    ]
