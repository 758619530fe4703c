/**
 * The daemon's one log format: logfmt lines with a level, the logger's name and fields, e.g.
 *   time=2026-11-26T13:28:32.123Z level=INFO logger=tsd msg="Ready to serve" bind=0.0.0.0 port=4242
 * Loggers are values passed down (no global state); child loggers share their parent's sink and level.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type LogFields = Readonly<Record<string, string | number | boolean | bigint | null | undefined>>;

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export interface LogSink {
  write(line: string): void;
}

function quote(v: string): string {
  return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
}

export class Logger {
  constructor(
    readonly name: string,
    private readonly sink: LogSink = { write: (line) => process.stderr.write(line) },
    private readonly level: { min: LogLevel } = { min: 'INFO' },
    private readonly now: () => Date = () => new Date(),
  ) {}

  child(name: string): Logger {
    return new Logger(name, this.sink, this.level, this.now);
  }

  setLevel(min: LogLevel): void {
    this.level.min = min;
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] >= RANK[this.level.min];
  }

  log(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    let line = `time=${this.now().toISOString()} level=${level} logger=${this.name} msg=${quote(msg)}`;
    for (const [k, v] of Object.entries(fields)) {
      if (v !== undefined) line += ` ${k}=${quote(String(v))}`;
    }
    this.sink.write(line + '\n');
  }

  debug(msg: string, fields?: LogFields): void {
    this.log('DEBUG', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.log('INFO', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.log('WARN', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.log('ERROR', msg, fields);
  }
}

/** A logger that keeps its lines, for tests and tools. */
export function memoryLogger(name = 'test'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: new Logger(name, { write: (l) => lines.push(l) }, { min: 'DEBUG' }), lines };
}
