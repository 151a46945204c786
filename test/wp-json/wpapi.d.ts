/** The little of the `wpapi` client these tests use; the package ships no types. */
declare module 'wpapi' {
  interface WpPaging {
    total: number;
    totalPages: number;
    links: Record<string, string>;
  }
  interface WpRequest extends PromiseLike<Array<Record<string, any>> & { _paging?: WpPaging }> {
    perPage(count: number): WpRequest;
    page(number: number): WpRequest;
    slug(slug: string): WpRequest;
    embed(): WpRequest;
    post(id: number): WpRequest;
    parent(id: number | number[]): WpRequest;
    status(status: string | string[]): WpRequest;
    sticky(isSticky: boolean): WpRequest;
    search(text: string): WpRequest;
    order(direction: 'asc' | 'desc'): WpRequest;
    orderby(field: string): WpRequest;
    password(password: string): WpRequest;
    param(name: string, value: unknown): WpRequest;
    id(id: number): WpItemRequest;
  }
  interface WpItemRequest extends PromiseLike<Record<string, any>> {
    embed(): WpItemRequest;
    password(password: string): WpItemRequest;
  }
  export default class WPAPI {
    constructor(options: { endpoint: string });
    setHeaders(name: string, value: string): WPAPI;
    posts(): WpRequest;
    pages(): WpRequest;
    categories(): WpRequest;
    tags(): WpRequest;
    comments(): WpRequest;
  }
}
