from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from booking.notifications.views import appointment_manage
from conversations.admin.privacy import privacy_view
from conversations.admin.reports import report_view
from conversations.channels.web import demo
from receptionist.api import health
from receptionist.metrics_view import metrics

handler400 = "receptionist.api.bad_request"
handler404 = "receptionist.api.not_found"

admin.site.site_header = "Réceptionniste : back-office"
admin.site.site_title = "Réceptionniste"

urlpatterns = [
    path("", demo, name="demo"),
    path("health", health, name="health"),
    path("metrics", metrics, name="metrics"),
    path("rdv/<str:token>/", appointment_manage, name="appointment-manage"),
    path("admin/reports/", admin.site.admin_view(report_view), name="admin-reports"),
    path("admin/privacy/", admin.site.admin_view(privacy_view), name="admin-privacy"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/vapi/", include("conversations.channels.vapi.urls")),
    path("api/", include("conversations.urls")),
    path("api/", include("booking.urls")),
]
