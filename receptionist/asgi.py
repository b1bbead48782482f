"""ASGI entry point: Vapi's Custom LLM through a Channels consumer, everything else through Django."""

import os
import sys

from django.core.asgi import get_asgi_application

# The event loop must get the interpreter back quickly while a worker thread thinks out a
# turn, so that other calls' first words are not held behind it (default: 5 ms).
sys.setswitchinterval(0.001)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")

django_asgi_app = get_asgi_application()

# Django must be set up before these imports.
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import get_resolver, re_path  # noqa: E402

from conversations.channels.routing import websocket_urlpatterns  # noqa: E402
from conversations.channels.vapi.consumers import ChatCompletionsConsumer  # noqa: E402
from faq.sentences import load_in_background as load_sentence_encoder  # noqa: E402
from receptionist.access_log import install as install_access_log  # noqa: E402
from receptionist.origins import WidgetOriginValidator  # noqa: E402

# Daphne builds its access logger after loading this module: ours drops query strings.
install_access_log()

# Import every view now: the first caller of a new process must not wait for it.
get_resolver().url_patterns  # noqa: B018

# The FAQ's sentence encoder takes a second to load: a server process starts it now, in the
# background (other processes, such as manage.py commands, load it only if they read the FAQ).
if settings.FAQ_SENTENCE_ENCODER:
    load_sentence_encoder()

application = ProtocolTypeRouter(
    {
        "http": URLRouter(
            [
                # Vapi appends /chat/completions to the model URL; some set-ups already end with it.
                re_path(
                    r"^api/vapi/chat/completions(?:/chat/completions)?/?$",
                    ChatCompletionsConsumer.as_asgi(),
                ),
                # Channels routes to ASGI apps; the stub types re_path for Django views only.
                re_path(r"", django_asgi_app),  # type: ignore[arg-type]
            ]
        ),
        # Only the business's own sites may open the chat socket.
        "websocket": WidgetOriginValidator(
            URLRouter(websocket_urlpatterns), settings.WIDGET_ALLOWED_ORIGINS
        ),
    }
)
