"""Services of ml_models: training runs (`training`) and the requests that queue them (`requests`)."""
