"""Tests of the users app: accounts and JWT authentication."""
