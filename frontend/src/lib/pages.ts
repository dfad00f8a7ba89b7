/** Every item of a paginated list endpoint (`{count, next, previous, results}`, docs/api.md), a page at a time. */
export const LIST_PAGE = 500; // the API's largest page: a user's holdings, watchlist or alerts take one request

export interface ListPage<T> {
  next?: string | null;
  results: T[];
}

export async function allPages<T>(fetchPage: (offset: number, limit: number) => Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await fetchPage(offset, LIST_PAGE);
    items.push(...page.results);
    if (!page.next || page.results.length === 0) return items;
  }
}
