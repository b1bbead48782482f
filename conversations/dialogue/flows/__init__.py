"""The engine's handlers, one module per part of the conversation."""

from conversations.dialogue.flows import booking, changes, faq_confirm, outcomes, routing

__all__ = ["booking", "changes", "faq_confirm", "outcomes", "routing"]
