// `chainwatch analyze [FILE|-] [--format text|json|csv]`: the I/O edge around buildReport.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildReport } from './analyze-report';
import { formatReportCsv } from './report-csv';
import { formatReportText } from './report-text';
import { CliError, type CliIo } from './io';

/** Pasted logs are small; a whole SMlog can be large but must still fit in memory. */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;
const FORMATS = ['text', 'json', 'csv'] as const;

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  const { text, mtimeMs } = await readInput(args.file, io);
  const referenceMs = args.referenceMs ?? mtimeMs ?? Date.now();
  const { report, forest } = buildReport(text, { referenceMs, tolerance: args.tolerance });
  if (!report.scan && !report.smlog) {
    throw new CliError(
      `${args.file === '-' ? 'standard input' : args.file} holds no \`vhd-util scan\` lines (vhd=...) and no SMlog lines: nothing to analyze.`,
      1,
    );
  }
  const out =
    args.format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : args.format === 'csv'
        ? formatReportCsv(report)
        : formatReportText(report, forest);
  io.stdout.write(out);
  return 0;
}

interface AnalyzeArgs {
  file: string;
  format: (typeof FORMATS)[number];
  referenceMs: number | null;
  tolerance: number;
}

function parseAnalyzeArgs(argv: string[]): AnalyzeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        'reference-date': { type: 'string' },
        tolerance: { type: 'string', default: '1' },
      },
    });
  } catch (err) {
    throw new CliError(`analyze: ${(err as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new CliError('analyze: give one FILE (or - for standard input).');
  const format = values.format as AnalyzeArgs['format'];
  if (!FORMATS.includes(format)) throw new CliError(`analyze: --format must be one of ${FORMATS.join(', ')}.`);
  const tolerance = Number(values.tolerance);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 100) {
    throw new CliError('analyze: --tolerance must be a whole number from 0 to 100 (XO default: 1).');
  }
  let referenceMs: number | null = null;
  if (values['reference-date'] !== undefined) {
    referenceMs = Date.parse(values['reference-date']);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values['reference-date']) || Number.isNaN(referenceMs)) {
      throw new CliError('analyze: --reference-date must be a date like 2019-08-31 (the day the log was read).');
    }
  }
  return { file: positionals[0] ?? '-', format, referenceMs, tolerance };
}

async function readInput(file: string, io: CliIo): Promise<{ text: string; mtimeMs: number | null }> {
  if (file === '-') {
    const stdin = io.stdin;
    if (!stdin) throw new CliError('analyze: no standard input to read.');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > MAX_INPUT_BYTES) throw new CliError('analyze: standard input is larger than 512 MiB.');
      chunks.push(buf);
    }
    return { text: decode(Buffer.concat(chunks), 'standard input'), mtimeMs: null };
  }
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new CliError(`analyze: cannot read ${file}: no such file.`);
  }
  if (!info.isFile()) throw new CliError(`analyze: ${file} is not a file.`);
  if (info.size > MAX_INPUT_BYTES) throw new CliError(`analyze: ${file} is larger than 512 MiB.`);
  let buf;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new CliError(`analyze: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}.`);
  }
  return { text: decode(buf, file), mtimeMs: info.mtimeMs };
}

function decode(buf: Buffer, what: string): string {
  if (buf.subarray(0, 8192).includes(0)) {
    throw new CliError(`analyze: ${what} looks like a binary file; give the text of \`vhd-util scan\` or SMlog.`);
  }
  return buf.toString('utf8');
}
