from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView

from receptionist.api import health

urlpatterns = [
    path("", TemplateView.as_view(template_name="demo.html"), name="demo"),
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/vapi/", include("conversations.vapi.urls")),
    path("api/", include("conversations.urls")),
    path("api/", include("booking.urls")),
]
