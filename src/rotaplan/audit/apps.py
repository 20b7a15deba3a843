from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rotaplan.audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from .receivers import sign_in_failed

        user_login_failed.connect(sign_in_failed, dispatch_uid="rotaplan-audit-sign-in-failed")
