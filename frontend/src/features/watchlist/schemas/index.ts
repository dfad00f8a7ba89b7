/** Types of the watchlist endpoints; responses are parsed with the schemas generated from the API contract (src/api). */
import type { WatchlistEntry } from "@/api";

/** A watched symbol with its last price object (price, change, change %, date, source) or null when unpriced. */
export type WatchItem = WatchlistEntry;
