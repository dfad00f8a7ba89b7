"""Alpha Vantage: HTTP client with quota, retries and circuit breaker -> processor -> provider."""
