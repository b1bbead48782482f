from django.urls import path

from conversations.apis import BookingStatsApi, ChatStreamApi, ChatTurnApi

app_name = "conversations"

urlpatterns = [
    path("chat", ChatTurnApi.as_view(), name="chat-turn"),
    path("chat/stream", ChatStreamApi.as_view(), name="chat-stream"),
    path("stats/bookings", BookingStatsApi.as_view(), name="stats-bookings"),
]
