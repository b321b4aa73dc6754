/** One CSV record and the (1-based) line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  message: string;
}

/**
 * Parses RFC 4180 CSV: a leading byte-order mark is dropped; records end at CRLF, LF or CR; fields
 * may be quoted, and a quoted field may hold the delimiter, line breaks and `""` for a quote. Blank
 * lines are skipped. An unterminated quote is reported at the line its record starts on, and the
 * rest of the file is not read (everything after it would be one field).
 */
export function parseCsv(text: string, delimiter = ','): { records: CsvRecord[]; errors: CsvError[] } {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  // Whether the current field was opened with a quote (text after its closing quote is kept as is).
  let fieldQuoted = false;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !fieldQuoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldQuoted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '' && !fieldQuoted) {
      quoted = true;
      fieldQuoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldQuoted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) {
    errors.push({ line: recordLine, message: 'a quoted field is not closed' });
    return { records, errors };
  }
  if (field !== '' || fields.length > 0 || fieldQuoted) endRecord();
  return { records, errors };
}
