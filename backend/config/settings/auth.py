"""Passwords (validators, Argon2 cost, hashing concurrency), password reset mail and the trusted proxies."""

from __future__ import annotations

from config.settings.env import env

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS: list[dict[str, str]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},  # 8 characters
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "users.password_validation.DistinctCharactersValidator"},  # 5 different characters
]
# The first hashes every new password; the others still verify old hashes, which are rehashed with the first at the
# next sign-in (docs/operations.md).
PASSWORD_HASHERS = [
    "users.hashers.SizedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Argon2id cost: OWASP's first recommended set (19 MiB, 2 passes, 1 lane), about 60 ms a hash on the project's
# 2-core machine against 540 ms and 100 MiB for Django's default (bench/password_hash.py; docs/operations.md).
PASSWORD_ARGON2_TIME_COST = env.int("PASSWORD_ARGON2_TIME_COST", default=2)
PASSWORD_ARGON2_MEMORY_KIB = env.int("PASSWORD_ARGON2_MEMORY_KIB", default=19456)
PASSWORD_ARGON2_PARALLELISM = env.int("PASSWORD_ARGON2_PARALLELISM", default=1)
# Hashes at once per process (one per core), and how long a request waits for a turn before its 503.
PASSWORD_HASH_CONCURRENCY = env.int("PASSWORD_HASH_CONCURRENCY", default=2)
PASSWORD_HASH_WAIT_SECONDS = env.float("PASSWORD_HASH_WAIT_SECONDS", default=2.0)

# Password reset links (django.contrib.auth.tokens.default_token_generator): valid this long, and single-use, since
# the token hashes the password and the last sign-in, which the reset changes.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
# Where the link in the mail points: the web app's page, which posts uid and token to the confirm endpoint.
WEB_APP_URL = env.str("WEB_APP_URL", default="http://localhost:3000")

# Mail: printed on the console unless an SMTP host is configured; production always sends by SMTP, so a reset link
# never lands in a log (docs/operations.md).
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Stock-Vis <no-reply@localhost>")

# Client addresses (the throttles' key): X-Forwarded-For is read only from a peer in this list (IPs or CIDRs, the
# web app's Node server and any load balancer), and then the rightmost address not in it is the client. A request
# from anywhere else is keyed by its own address, whatever header it sends.
TRUSTED_PROXIES: list[str] = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
