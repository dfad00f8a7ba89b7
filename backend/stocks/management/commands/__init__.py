"""fetch_stock, import_prices, load_demo_data and setup_schedule."""
