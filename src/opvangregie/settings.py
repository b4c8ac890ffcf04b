"""Django settings, all read from the environment (see README, "Configuratie")."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from opvangregie import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()
PRODUCTION = config.is_production()

env = environ.Env()

if PRODUCTION:
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer OPVANGREGIE_PRODUCTION=1.")
else:
    SECRET_KEY = env("SECRET_KEY", default="") or config.local_secret_key(DATA_DIR)

DEBUG = env.bool("OPVANGREGIE_DEBUG", default=False)

if PRODUCTION:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'opvangregie.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several officers save at once (ADR 7). WAL lets readers go on while one writer writes;
    # IMMEDIATE takes the write lock when a transaction begins, so a transaction that read
    # first never fails half-way with "database is locked" when it upgrades to a write (SQLite
    # cannot wait there); the busy timeout makes the next writer wait its turn instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    })
    # Tests with threads need a database file: the in-memory test database of Django is not
    # shared safely between connections of different threads.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-opvangregie.sqlite3")}

# Computed reports are kept here until their figures change (core.cache, ADR 5). In memory per
# server process by default; correctness never depends on sharing it between processes.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://opvangregie")}

INSTALLED_APPS = [
    "opvangregie.core",
    "opvangregie.accounts",
    "opvangregie.audit",
    "opvangregie.regions",
    "opvangregie.targets",
    "opvangregie.capacity",
    "opvangregie.reports",
    "opvangregie.pipeline",
    "opvangregie.housing",
    "opvangregie.operations",
    "opvangregie.meetings",
    "opvangregie.national",
    "opvangregie.agreements",
    "opvangregie.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "opvangregie.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opvangregie.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "opvangregie.core.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "opvangregie.urls"
WSGI_APPLICATION = "opvangregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Django's form templates, with the common widgets written in Python (same markup, ~10× faster).
FORM_RENDERER = "opvangregie.core.formrenderer.FormRenderer"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Dutch only: the English catalogue was never filled, so "English" showed a mix of Django's
# English and the product's Dutch (issue 17). Add ("en", "English") back with a complete
# catalogue in locale/en (ADR 1 and 3).
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# The demo serves assets straight from the package; production runs collectstatic first.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "uploads"
# Uploaded documents are confidential: owner-only, whatever the umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Serving for a region: sign-in, second factor, e-mail, request log (docs/deployment.md) ----

INSTALLED_APPS += [
    "opvangregie.notices",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE.insert(0, "opvangregie.core.requestlog.RequestLogMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "opvangregie.accounts.twofactor.SecondFactorMiddleware",
)
# Axes turns a refused login into its lockout page; it must see the final response.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

AUTHENTICATION_BACKENDS = [
    "opvangregie.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOCKOUT_FAILURES", default=10)
# Locked per account (whatever the address) and per address (whatever the account): guessing
# one coordinator's password from many places, or many passwords from one place, both stop.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOCKOUT_COOLOFF_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "opvangregie.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "opvangregie.accounts.lockout.client_ip"
# How many proxies in front of the server append to X-Forwarded-For (0: use the peer address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0)

# Coordinators and administrators need a second factor in production; the demo runs without.
SECOND_FACTOR_REQUIRED = env.bool("SECOND_FACTOR_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "Opvangregie"

# Sign-in through the region's identity provider, only when a client id is configured.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "opvangregie.accounts.oidc.RegionOIDCBackend")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default=None)
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="de eigen organisatie")
    # Whether the identity provider already asked for a second factor (then ours is skipped).
    OIDC_PROVIDES_SECOND_FACTOR = env.bool("OIDC_PROVIDES_SECOND_FACTOR", default=True)
OIDC_ROLE_CLAIM = env("OIDC_ROLE_CLAIM", default="opvangregie_rol")
OIDC_REGION_CLAIM = env("OIDC_REGION_CLAIM", default="opvangregie_regio")
OIDC_MUNICIPALITIES_CLAIM = env("OIDC_MUNICIPALITIES_CLAIM", default="opvangregie_gemeenten")

# Mail: the demo prints it on the console; a region sets smtp://user:pass@host:587/?tls=True.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Opvangregie <opvangregie@localhost>")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

if PRODUCTION:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Preload is hard to undo (browsers ship the list), so a region opts in deliberately.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING["filters"] = {
    "one_line_refusal": {"()": "opvangregie.core.requestlog.OneLineRefusalFilter"},
}
LOGGING["loggers"] = {
    # A 403 is one line, not a traceback (core/requestlog.py).
    "django.request": {"filters": ["one_line_refusal"]},
    "opvangregie.requests": {
        "handlers": ["console"],
        "level": env("REQUEST_LOG_LEVEL", default="INFO" if PRODUCTION else "WARNING"),
        "propagate": False,
    },
}

# --- API v1 for municipal and COA systems (docs/api.md) ----------------------------------------

INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar",
                   "opvangregie.api"]
# Right after the request log: API-Version on every API response, HTTPS only in production,
# and problem documents for what no API view answered (an unknown URL, an exception).
MIDDLEWARE.insert(1, "opvangregie.api.middleware.ApiMiddleware")
API_REQUIRE_HTTPS = env.bool("API_REQUIRE_HTTPS", default=PRODUCTION)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "opvangregie.api.authentication.BearerTokenAuthentication",
        # A signed-in user (with the second factor where required) may read the API too,
        # for the interactive documentation; writes then need the CSRF token as every form.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opvangregie.api.problems.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Opvangregie API",
    "DESCRIPTION": (
        "Cijfers van opvanglocaties, gehuisveste vergunninghouders, opgaven, verdelingen en "
        "het overzicht, voor systemen van gemeenten en COA. Zie docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "AUTHENTICATION_WHITELIST": ["opvangregie.api.authentication.BearerTokenAuthentication"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LocatieSoortEnum": "opvangregie.capacity.models.LocationType",
        "CapaciteitSoortEnum": "opvangregie.capacity.models.CapacityKind",
        "LocatieStatusEnum": "opvangregie.capacity.models.LocationStatus",
        "ExploitantEnum": "opvangregie.capacity.models.Operator",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opvangregie.api.schema.postprocess",
    ],
    "SERVERS": [{"url": "/", "description": "Deze installatie"}],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
