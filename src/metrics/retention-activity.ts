// Activity mode (SPEC §3.1): retained(k) = members with at least one counted event
// in [start(c + k), end(c + k)). A distinct count per cell. Activity logs nearly
// always arrive in time order (or grouped by customer, then time), so each member's
// cells arrive in non-decreasing order and one "last cell seen" stamp per member
// counts them in a single pass. The first row that breaks that order sends the
// count to the general path: bucket the rows by cell (a counting sort), then count
// distinct members per cell with a stamp array.
import type { Layout } from './retention-count.js';
import type { Members } from './retention-members.js';
import type { RetentionSettings } from './retention-options.js';

/**
 * Per activity customer_id code, interleaved so a row touches one cache line:
 * [4c] base (cell = base + period ordinal), [4c + 1] lo, [4c + 2] hi (the cells
 * reported; hi < lo when the code is not a member), [4c + 3] the last cell seen.
 * Codes and members are one-to-one, so distinct codes are distinct members.
 */
function codeCells(m: Members, l: Layout): Int32Array {
  const { memberOfCode } = m.activity!;
  const out = new Int32Array(memberOfCode.length * 4);
  for (let c = 0; c < memberOfCode.length; c++) {
    const member = memberOfCode[c];
    const g = member < 0 ? -1 : l.group[member];
    out[4 * c + 2] = -1;
    out[4 * c + 3] = -1;
    if (g < 0) continue;
    const slot = Math.floor(g / l.segments);
    const start = l.cellStart[g];
    out[4 * c] = start - (l.first + slot);
    out[4 * c + 1] = start;
    out[4 * c + 2] = start + l.lastOffset[slot];
  }
  return out;
}

export function countActivity(m: Members, l: Layout, s: RetentionSettings): Int32Array {
  const cells = codeCells(m, l);
  return inOrder(m, l, s, cells) ?? anyOrder(m, l, s, cells);
}

/** The single pass; undefined as soon as a member's cells go backwards. */
function inOrder(m: Members, l: Layout, s: RetentionSettings, cells: Int32Array): Int32Array | undefined {
  const { frame, counted } = m.activity!;
  const ids = frame.dict('customer_id').codes;
  const events = frame.dict('event').codes;
  const at = frame.time('at');
  const index = s.bucket.index;
  const retained = new Int32Array(l.cells);
  const n = frame.n;
  for (let i = 0; i < n; i++) {
    if (!counted[events[i]]) continue;
    const c = 4 * ids[i];
    const cell = cells[c] + index(at[i]);
    if (!(cell >= cells[c + 1] && cell <= cells[c + 2])) continue;
    const prev = cells[c + 3];
    if (cell > prev) {
      retained[cell]++;
      cells[c + 3] = cell;
    } else if (cell < prev) return undefined;
  }
  return retained;
}

function anyOrder(m: Members, l: Layout, s: RetentionSettings, cells: Int32Array): Int32Array {
  const { frame, counted } = m.activity!;
  const ids = frame.dict('customer_id').codes;
  const events = frame.dict('event').codes;
  const at = frame.time('at');
  const index = s.bucket.index;
  // Pass 1: each row's cell (-1 when it counts nowhere) and the rows per cell.
  const cellOf = new Int32Array(frame.n);
  const offsets = new Int32Array(l.cells + 1);
  for (let i = 0; i < frame.n; i++) {
    const c = 4 * ids[i];
    const cell = counted[events[i]] ? cells[c] + index(at[i]) : -1;
    if (cell >= cells[c + 1] && cell <= cells[c + 2]) {
      cellOf[i] = cell;
      offsets[cell + 1]++;
    } else cellOf[i] = -1;
  }
  for (let c = 0; c < l.cells; c++) offsets[c + 1] += offsets[c];
  // Pass 2: members bucketed by cell.
  const byCell = new Int32Array(offsets[l.cells]);
  const fill = offsets.slice(0, l.cells);
  for (let i = 0; i < frame.n; i++) {
    const cell = cellOf[i];
    if (cell >= 0) byCell[fill[cell]++] = ids[i];
  }
  // Pass 3: distinct customer codes per cell.
  const retained = new Int32Array(l.cells);
  const stamp = new Int32Array(cells.length / 4).fill(-1);
  for (let cell = 0; cell < l.cells; cell++) {
    for (let j = offsets[cell]; j < offsets[cell + 1]; j++) {
      const code = byCell[j];
      if (stamp[code] !== cell) {
        stamp[code] = cell;
        retained[cell]++;
      }
    }
  }
  return retained;
}
