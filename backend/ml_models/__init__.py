"""Machine-learning models: training, evaluation and honest predictions of price, trend and risk."""
