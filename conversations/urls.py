from django.urls import path

from conversations.apis import BookingStatsApi, ChatTurnApi

app_name = "conversations"

urlpatterns = [
    path("chat", ChatTurnApi.as_view(), name="chat-turn"),
    path("stats/bookings", BookingStatsApi.as_view(), name="stats-bookings"),
]
