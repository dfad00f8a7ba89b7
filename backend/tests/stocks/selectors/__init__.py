"""Tests of the stocks read side: selectors return typed objects, the output serializers render them."""
