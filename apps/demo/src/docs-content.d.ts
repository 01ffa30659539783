// Modules written by the build (apps/demo/build/docs-content.ts), from the files vite.config.ts names.

declare module 'virtual:framewise/guides' {
  /** Every Markdown file of the guides folder, keyed by file name (`summary.md`). */
  const guides: Readonly<Record<string, string>>;
  export default guides;
}

declare module 'virtual:framewise/benchmarks' {
  /** The benchmarks' methodology and committed results, as Markdown. */
  const markdown: string;
  export default markdown;
}
