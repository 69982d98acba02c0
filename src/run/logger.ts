// Where a run says what it does: the runner's log, or standard error.

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}
