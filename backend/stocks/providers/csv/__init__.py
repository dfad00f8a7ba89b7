"""CSV price files (Alpha Vantage and Yahoo layouts): parser and provider."""
