/** The demo's own database file: never the default of the other commands. */
export const DEMO_DB = './charterwatch-demo.duckdb';
