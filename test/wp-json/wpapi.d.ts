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
  }
  export default class WPAPI {
    constructor(options: { endpoint: string });
    posts(): WpRequest;
    pages(): WpRequest;
    categories(): WpRequest;
    tags(): WpRequest;
  }
}
