"""The back office of conversations: the model admins, and the pages staff reach from them
(the managers' report, the privacy requests), each in its own module."""

from conversations.admin import conversations  # noqa: F401  (registers the model admins)
