from django.urls import path, register_converter

from conversations.apis import BookingStatsApi, ConversationDetailApi
from conversations.channels.web import ChatStreamApi, ChatTurnApi
from receptionist.lib.converters import AnyTextConverter

register_converter(AnyTextConverter, "any")

app_name = "conversations"

urlpatterns = [
    path("chat", ChatTurnApi.as_view(), name="chat-turn"),
    path("chat/stream", ChatStreamApi.as_view(), name="chat-stream"),
    path("stats/bookings", BookingStatsApi.as_view(), name="stats-bookings"),
    # `any`: a call id may hold any character, a line break too; all of them reach the view's 404.
    path("conversations/<any:id>", ConversationDetailApi.as_view(), name="conversation-detail"),
]
