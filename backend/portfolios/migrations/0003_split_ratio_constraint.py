# Its own migration: on PostgreSQL a constraint cannot be added in the transaction that just updated the rows.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portfolios", "0002_exact_split_ratios"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="transaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "split"), ("split_to__gt", 0), ("split_from__gt", 0)),
                    models.Q(
                        models.Q(("kind", "split"), _negated=True),
                        ("split_to__isnull", True),
                        ("split_from__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="transaction_split_ratio_exact",
            ),
        ),
    ]
