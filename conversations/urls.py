from django.urls import path

from conversations.apis import BookingStatsApi, ConversationDetailApi
from conversations.channels.web import ChatStreamApi, ChatTurnApi

app_name = "conversations"

urlpatterns = [
    path("chat", ChatTurnApi.as_view(), name="chat-turn"),
    path("chat/stream", ChatStreamApi.as_view(), name="chat-stream"),
    path("stats/bookings", BookingStatsApi.as_view(), name="stats-bookings"),
    # `path`: a call id may hold any character; all of them reach the view's 404.
    path("conversations/<path:id>", ConversationDetailApi.as_view(), name="conversation-detail"),
]
