from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("stocks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProviderCall",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("provider", models.CharField(max_length=32)),
                ("called_at", models.DateTimeField()),
            ],
            options={
                "indexes": [models.Index(fields=["provider", "called_at"], name="provider_call_time_idx")],
            },
        ),
    ]
