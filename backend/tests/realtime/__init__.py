"""Tests of the WebSocket consumers, the realtime push and the multi-process deployment."""
