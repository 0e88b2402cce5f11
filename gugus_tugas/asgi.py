from gugus_tugas.settings import settings_module

settings_module()

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
