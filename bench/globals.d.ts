// What the bench reads inside its pages: the site's hooks (DESIGN.md) and the anchor's.
export {};

declare global {
  interface Window {
    /** A problem page's hooks: ready, getCode, setCode, run, submit, stop */
    kata: any;
    /** The anchor page's hooks: ready (ms from navigation start), run(code) */
    anchor: any;
    /** The bench's own: the Submit of an endless loop, while it runs */
    benchLoop?: Promise<any>;
  }
}
