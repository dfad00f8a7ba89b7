"""The 67-character cash-flow column gets a name within PostgreSQL's 63: a rename, the data stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stocks", "0002_provider_call"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cashflowstatement",
            name="proceeds_from_issuance_of_long_term_debt_and_capital_securities_net",
            field=models.DecimalField(
                blank=True,
                db_column="proceeds_from_issuance_of_lt_debt_and_capital_securities_net",
                decimal_places=2,
                max_digits=22,
                null=True,
            ),
        ),
    ]
