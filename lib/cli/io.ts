/** The streams a CLI command writes to: process streams in bin/, buffers in tests. */
export interface CliIo {
  stdin?: NodeJS.ReadableStream;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** A user error: printed as one sentence, no stack trace, with this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
