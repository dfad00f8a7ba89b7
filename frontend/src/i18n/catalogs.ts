/** Both catalogs, importable from server and client components. */
import { en } from "./en";
import { ko, type Messages } from "./ko";
import type { Lang } from "./format";

export const catalogs: Record<Lang, Messages> = { ko, en };
