"""Tests of the market-hours schedule, the refresh planner and the periodic tasks."""
