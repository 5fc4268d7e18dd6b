from django.db import models


class AttemptCount(models.Model):
    """How many times one address tried one action in one hour (sciatica.throttle).

    A row in the database, not a number in a server's memory: every gunicorn worker on every
    app server counts into the same row, and a plain UPDATE … count + 1 never loses a count
    when two of them add at once. Rows of past hours are deleted as new ones are counted.
    """

    action = models.CharField(max_length=40)
    address = models.CharField(max_length=64)
    window = models.PositiveIntegerField(db_index=True, help_text="Hours since 1970 (UTC).")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "address", "window"], name="one_count_per_address_and_hour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} from {self.address}: {self.count}"
