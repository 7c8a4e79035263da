import type { Matcher } from '../matching/matcher';
import type { Catalog } from '../pledges/catalog';

/**
 * What handlers may consult. Resolved once per event, so an event is answered from one
 * consistent data set even if staff publish new data meanwhile.
 */
export interface Knowledge {
  catalog: Catalog;
  matcher: Matcher;
}
