"""Domain events of the portfolios app, sent after the writing transaction commits."""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: notification (portfolios.models.Notification). Sent once per fired alert, after commit.
notification_created = Signal()
