from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("request/", views.request_appointment, name="request"),
    path("request/received/", views.request_received, name="done"),
]
