from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = "Conversations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Load the French tools' data (number words, phone metadata, stemmer) now, so that the
        # first caller of a new process does not wait for it.
        from conversations.channels.vapi import checks  # noqa: F401 (registers the deploy checks)
        from conversations.dialogue.understanding import warm_up
        from conversations.selectors import faq_answers_since
        from faq.usage import register_asked_counter

        # The FAQ's admin list shows how often each entry answered (faq never imports us).
        register_asked_counter(faq_answers_since)

        warm_up()
