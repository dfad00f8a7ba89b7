"""Market-data providers behind one vendor-neutral interface (see `base`)."""
