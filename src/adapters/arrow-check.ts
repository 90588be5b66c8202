// A structural check of Arrow IPC bytes before they are decoded. The decoder trusts the
// lengths written in the bytes: a flipped byte in a vector length or a row count makes
// it build an array of billions of entries and the tab runs out of memory (measured: one
// corrupt 624-byte stream crashes Node with a 2 GB heap). So every length the decoder
// will read is checked against the bytes that are really there first: flatbuffer
// tables, vectors and strings inside their message, buffers inside their message body,
// row counts against what the body can hold. No data is read and nothing is allocated
// per row; what passes is decoded as usual, what fails is a format error.

const CONTINUATION = -1;
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;
/** Arrow metadata versions before V4 wrote a page id in each buffer (24-byte entries). */
const V4 = 3;
/** Nested types deeper than this are not data a widget reads. */
const MAX_DEPTH = 32;

/** Why the bytes cannot be Arrow IPC (what to put in a format error). */
export class ArrowShapeError extends Error {}

function fail(why: string): never {
  throw new ArrowShapeError(why);
}

/** Bounds-checked reads of one flatbuffer (a message's metadata, or a file's footer). */
class Flat {
  constructor(readonly buf: Uint8Array) {}

  int32(at: number): number {
    if (!(at >= 0 && at + 4 <= this.buf.length))
      fail(`a 4-byte value at ${at} lies outside its ${this.buf.length} bytes`);
    const b = this.buf;
    return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
  }

  int16(at: number): number {
    if (!(at >= 0 && at + 2 <= this.buf.length))
      fail(`a 2-byte value at ${at} lies outside its ${this.buf.length} bytes`);
    return ((this.buf[at] | (this.buf[at + 1] << 8)) << 16) >> 16;
  }

  /** A non-negative int64 that a JavaScript number holds exactly; else a format error. */
  size(at: number, what: string): number {
    const lo = this.int32(at) >>> 0;
    const hi = this.int32(at + 4);
    if (hi < 0 || hi >= 1 << 21) fail(`${what} is negative or larger than 2^53`);
    return hi * 2 ** 32 + lo;
  }

  /** The table whose offset is stored at `at`: a getter of its fields' positions (undefined when absent). */
  table(at: number): (field: number) => number | undefined {
    const pos = at + this.int32(at);
    const vtable = pos - this.int32(pos);
    const size = this.int16(vtable);
    if (size < 4 || vtable + size > this.buf.length) fail('a table has a malformed layout');
    return (field) => {
      if (field >= size) return undefined;
      const off = this.int16(vtable + field);
      if (off === 0) return undefined;
      if (off < 0 || pos + off >= this.buf.length) fail('a table field lies outside its message');
      return pos + off;
    };
  }

  /** The vector whose offset is stored at `at`: its length and first element, all inside the bytes. */
  vector(
    at: number | undefined,
    stride: number,
    max = Infinity,
  ): { length: number; start: number } {
    if (at === undefined) return { length: 0, start: 0 };
    const base = at + this.int32(at);
    const length = this.int32(base);
    const start = base + 4;
    if (length < 0 || length > max || start + length * stride > this.buf.length)
      fail(`a list of ${length} entries does not fit its message`);
    return { length, start };
  }
}

export interface ArrowLimits {
  /** Columns at the top of the schema. */
  maxColumns: number;
}

/**
 * Throws an ArrowShapeError saying why `bytes` are not Arrow IPC a decoder can read
 * safely (stream or file format); returns when they are. Bytes with no schema (empty, or
 * an end-of-stream marker alone) are not a table.
 */
export function checkArrowShape(bytes: Uint8Array, limits: ArrowLimits): void {
  if (bytes.length === 0) fail('it is empty');
  const file = MAGIC.every((b, i) => bytes[i] === b);
  const schemas = file ? checkFile(bytes, limits) : checkStream(bytes, 0, bytes.length, limits);
  if (schemas === 0) fail('it has no schema');
}

/** Checks the messages of `bytes[from, to)`; returns how many were schemas. */
function checkStream(bytes: Uint8Array, from: number, to: number, limits: ArrowLimits): number {
  const whole = new Flat(bytes);
  let at = from;
  let schemas = 0;
  while (at + 4 <= to) {
    let length = whole.int32(at);
    at += 4;
    if (length === CONTINUATION) {
      if (at + 4 > to) break;
      length = whole.int32(at);
      at += 4;
    }
    if (length === 0) break; // end of stream
    if (length < 0 || at + length > to)
      fail(`a message claims ${length} bytes of metadata; ${Math.max(0, to - at)} remain`);
    const body = checkMessage(new Flat(bytes.subarray(at, at + length)), limits);
    at += length;
    if (body.length > to - at)
      fail(`a message claims a ${body.length}-byte body; ${to - at} remain`);
    at += body.length;
    if (body.schema) schemas++;
  }
  return schemas;
}

/** The file format: its footer's blocks must point inside the file; the messages are a stream. */
function checkFile(bytes: Uint8Array, limits: ArrowLimits): number {
  const whole = new Flat(bytes);
  const end = bytes.length - MAGIC.length - 4;
  const footerLength = whole.int32(end);
  if (footerLength <= 0 || footerLength > end - 8) fail('its footer is out of place');
  const footer = new Flat(bytes.subarray(end - footerLength, end));
  const get = footer.table(0);
  let schemas = 0;
  const schema = get(6);
  if (schema !== undefined) {
    checkSchema(footer, schema, limits);
    schemas++;
  }
  for (const field of [8, 10]) {
    const blocks = footer.vector(get(field), 24);
    for (let i = 0; i < blocks.length; i++) {
      const at = blocks.start + i * 24;
      const offset = footer.size(at, 'a block offset');
      const size = footer.int32(at + 8) + footer.size(at + 16, 'a block body');
      if (offset + size > end) fail('a block of the footer points past the end of the file');
    }
  }
  // The messages sit between the magic (8 bytes, padded) and the footer.
  return schemas + checkStream(bytes, 8, end - footerLength, limits);
}

/** One message's metadata: its header, and the body length the header's buffers must fit in. */
function checkMessage(meta: Flat, limits: ArrowLimits): { length: number; schema: boolean } {
  const get = meta.table(0);
  const versionAt = get(4);
  const version = versionAt === undefined ? 0 : meta.int16(versionAt);
  const typeAt = get(6);
  const type = typeAt === undefined ? 0 : meta.buf[typeAt];
  const header = get(8);
  const bodyAt = get(10);
  const length = bodyAt === undefined ? 0 : meta.size(bodyAt, 'the body length');
  if (header === undefined) return { length, schema: false };
  if (type === SCHEMA) checkSchema(meta, header, limits);
  else if (type === RECORD_BATCH) checkBatch(meta, header, length, version);
  else if (type === DICTIONARY_BATCH) {
    const data = meta.table(header)(6);
    if (data !== undefined) checkBatch(meta, data, length, version);
  } else fail(`a message has the unknown type ${type}`);
  return { length, schema: type === SCHEMA };
}

function checkSchema(meta: Flat, at: number, limits: ArrowLimits): void {
  const get = meta.table(at);
  const fields = meta.vector(get(6), 4, limits.maxColumns);
  for (let i = 0; i < fields.length; i++) checkField(meta, fields.start + i * 4, 0);
  checkKeyValues(meta, get(8));
}

function checkField(meta: Flat, at: number, depth: number): void {
  if (depth > MAX_DEPTH) fail(`types nest deeper than ${MAX_DEPTH} levels`);
  const get = meta.table(at);
  meta.vector(get(4), 1); // the name
  const type = get(10);
  if (type !== undefined) meta.table(type);
  const dictionary = get(12);
  if (dictionary !== undefined) {
    const index = meta.table(dictionary)(6);
    if (index !== undefined) meta.table(index);
  }
  const children = meta.vector(get(14), 4);
  for (let i = 0; i < children.length; i++) checkField(meta, children.start + i * 4, depth + 1);
  checkKeyValues(meta, get(16));
}

function checkKeyValues(meta: Flat, at: number | undefined): void {
  const entries = meta.vector(at, 4);
  for (let i = 0; i < entries.length; i++) {
    const get = meta.table(entries.start + i * 4);
    meta.vector(get(4), 1);
    meta.vector(get(6), 1);
  }
}

/**
 * A record (or dictionary) batch: its buffers inside the body, and no row count beyond
 * what the body could hold (a bit per row, or a bare 64 Ki rows for columns of nulls).
 */
function checkBatch(meta: Flat, at: number, bodyLength: number, version: number): void {
  const get = meta.table(at);
  const maxRows = Math.max(8 * bodyLength, 1 << 16);
  const rowsAt = get(4);
  const rows = rowsAt === undefined ? 0 : meta.size(rowsAt, 'the row count');
  if (rows > maxRows) fail(`a batch claims ${rows} rows in a ${bodyLength}-byte body`);
  const nodes = meta.vector(get(6), 16);
  for (let i = 0; i < nodes.length; i++) {
    const length = meta.size(nodes.start + i * 16, 'a column length');
    const nulls = meta.size(nodes.start + i * 16 + 8, 'a null count');
    if (length > maxRows || nulls > length)
      fail(`a column claims ${length} values in a ${bodyLength}-byte body`);
  }
  const stride = version < V4 ? 24 : 16;
  const skip = stride - 16;
  const buffers = meta.vector(get(8), stride);
  for (let i = 0; i < buffers.length; i++) {
    const offset = meta.size(buffers.start + i * stride + skip, 'a buffer offset');
    const length = meta.size(buffers.start + i * stride + skip + 8, 'a buffer length');
    if (offset + length > bodyLength) fail(`a buffer runs past its ${bodyLength}-byte body`);
  }
  const compression = get(10);
  if (compression !== undefined) meta.table(compression);
  meta.vector(get(12), 8);
}
