"""Users: the custom user model, JWT authentication and profiles."""
