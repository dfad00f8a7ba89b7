"""The bar tables' index layout for many stocks (bench/scale.py: 2,000 x 5,000 bars against 100 x 5,000).

- The foreign key to the stock loses its own index and its LIKE twin: the unique (stock, date) index leads with the
  symbol and serves every lookup by stock; two fewer indexes to maintain per stored bar.
- On PostgreSQL the unique (stock, date) index also carries OHLCV (INCLUDE): a chart or indicator read of one stock
  is an index-only scan of adjacent leaf pages, however daily refreshes interleave the stocks in the heap. Not
  `UniqueConstraint(include=...)` in the model: Django leaves such a constraint out entirely where INCLUDE is
  unsupported, and SQLite would lose the uniqueness that ON CONFLICT (stock, date) needs. SQLite keeps its index.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLES = {"stocks_dailyprice": "daily_unique_stock_date", "stocks_weeklyprice": "weekly_unique_stock_date"}
INCLUDED = "open_price, high_price, low_price, close_price, volume"


def _unique_index(include: bool):
    def swap(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, name in TABLES.items():
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            covering = f" INCLUDE ({INCLUDED})" if include else ""
            schema_editor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} UNIQUE (symbol, date){covering}")

    return swap


class Migration(migrations.Migration):
    dependencies = [
        ("stocks", "0003_cash_flow_short_column"),
    ]

    operations = [
        migrations.AlterField(
            model_name="dailyprice",
            name="stock",
            field=models.ForeignKey(
                db_column="symbol", db_index=False, on_delete=django.db.models.deletion.CASCADE, to="stocks.stock"
            ),
        ),
        migrations.AlterField(
            model_name="weeklyprice",
            name="stock",
            field=models.ForeignKey(
                db_column="symbol", db_index=False, on_delete=django.db.models.deletion.CASCADE, to="stocks.stock"
            ),
        ),
        migrations.RunPython(_unique_index(include=True), _unique_index(include=False), elidable=False),
    ]
