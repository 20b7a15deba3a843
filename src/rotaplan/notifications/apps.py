from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "rotaplan.notifications"
    verbose_name = "Notifications"
