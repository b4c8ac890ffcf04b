import os

from django.core.wsgi import get_wsgi_application

from opvangregie.config import PRIVATE_UMASK

# Served without the console script: the database and uploads are still owner-only.
os.umask(PRIVATE_UMASK)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opvangregie.settings")
application = get_wsgi_application()
