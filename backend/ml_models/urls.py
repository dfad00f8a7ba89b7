"""URL routes of the ml_models app (mounted under /api/v1/analysis/)."""

from __future__ import annotations

from django.urls import path

from ml_models.apis import ModelCardApi, ModelCardListApi, PredictApi, TrackRecordApi

urlpatterns = [
    path("predict/<str:symbol>/", PredictApi.as_view(), name="analysis-predict"),
    path("models/", ModelCardListApi.as_view(), name="analysis-models"),
    path("models/<id:training_id>/", ModelCardApi.as_view(), name="analysis-model-card"),
    path("track-record/", TrackRecordApi.as_view(), name="analysis-track-record"),
]
