/**
 * A value as an answer carries it: what `res.json` writes and the browser app's JSON.parse
 * reads back. Dates become their ISO strings; everything else keeps its shape. The web app
 * types the server's rows with it instead of copying them by hand.
 */
export type Json<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
