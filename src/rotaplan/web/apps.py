from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rotaplan.web"
    verbose_name = "Web pages"
