// Types of build-stamp.js for the TypeScript tests that call it.
export const STAMP: string;
export function sourceFiles(root: string): string[];
export function stampOf(root: string): { version: number; files: Record<string, [number, number, string]> };
export function staleness(root: string): string | null;
