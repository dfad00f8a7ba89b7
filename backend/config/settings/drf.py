"""Django REST Framework and drf-spectacular."""

from __future__ import annotations

from config.settings.env import env

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ("rest_framework_simplejwt.authentication.JWTAuthentication",),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
    "DEFAULT_RENDERER_CLASSES": ("core.renderers.ORJSONRenderer",),
    "DEFAULT_PARSER_CLASSES": (
        "core.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ),
    "DEFAULT_SCHEMA_CLASS": "core.schema.ErrorAwareAutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    # Fail-open: throttle counters live in the cache, and a cache outage must not turn every request into a 500.
    "DEFAULT_THROTTLE_CLASSES": (
        "core.throttles.FailOpenAnonRateThrottle",
        "core.throttles.FailOpenUserRateThrottle",
    ),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="300/min"),
        "user": env.str("THROTTLE_USER", default="1200/min"),
        "login": env.str("THROTTLE_LOGIN", default="10/min"),
        "password_reset": env.str("THROTTLE_PASSWORD_RESET", default="5/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Stock-Vis API",
    "DESCRIPTION": "US stock data, technical indicators, portfolios and predictions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # A search's source and each result's match share one enum: where the answer came from.
    # Two choice fields are named `kind` (alerts, chart events): each enum is named here, the alerts' as it was.
    "ENUM_NAME_OVERRIDES": {
        "SymbolSourceEnum": ["local", "provider"],
        "ChartEventKindEnum": ["split", "dividend"],
        "KindEnum": "portfolios.models.AlertKind",
        "BacktestRuleEnum": "analysis.backtest.BACKTEST_RULES",
        "BacktestModeEnum": "analysis.backtest.MODES",
        "OptimisationMethodEnum": "analysis.optimisation.METHODS",
        "OptimisationStrategyEnum": "analysis.optimisation.STRATEGIES",
        "ModelTypeEnum": ["price_prediction", "trend_analysis", "risk_assessment"],
        "ScoredModelTypeEnum": ["price_prediction", "trend_analysis"],
        "DriftFlagEnum": ["stable", "watch", "drift"],
        "ReturnConventionEnum": ["log", "simple", "simple_excess", "closes"],
    },
    # Swagger UI from drf-spectacular-sidecar's static files (pinned in pyproject.toml), not a CDN: /api/docs/ works
    # without internet access. (No Redoc page: its bundle loads the Redocly logo from a CDN.)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # core.converters' `<id:pk>`: an integer id (out-of-range ones are a 404).
    "PATH_CONVERTER_OVERRIDES": {"id": int},
}
