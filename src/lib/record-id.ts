import { Type } from '@sinclair/typebox';

/**
 * The largest id a row can have: both engines' id columns are 32-bit
 * (PostgreSQL's `integer`/`serial`). A larger number, or one written as
 * `1e30`, is refused where it comes in with the field's name, instead of
 * reaching PostgreSQL, which answers it with an error (a 500).
 */
export const MAX_RECORD_ID = 2_147_483_647;

/** A row's id in an input schema. */
export const RecordId = Type.Integer({ minimum: 1, maximum: MAX_RECORD_ID });
