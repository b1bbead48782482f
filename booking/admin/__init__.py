"""The front desk's booking screens: the model admins, and the day view beside them."""

from booking.admin import appointments  # noqa: F401  (registers the model admins)
