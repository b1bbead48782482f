from django.urls import path

from conversations.channels.vapi import views

app_name = "vapi"

# /api/vapi/chat/completions is served by conversations.channels.vapi.consumers (see receptionist.asgi).
urlpatterns = [
    path("webhook", views.webhook, name="webhook"),
    path("health", views.health, name="health"),
]
