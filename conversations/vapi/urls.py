from django.urls import path

from conversations.vapi import views

app_name = "vapi"

urlpatterns = [
    path("chat/completions", views.chat_completions, name="chat-completions"),
    # Some Vapi set-ups put the full path in the model URL, and Vapi appends it again.
    path("chat/completions/chat/completions", views.chat_completions),
    path("webhook", views.webhook, name="webhook"),
    path("health", views.health, name="health"),
]
