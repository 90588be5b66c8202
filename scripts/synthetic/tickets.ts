// A generated stand-in for a messy support-ticket export (data/customer_support_tickets.csv.gz).
// Same 17 columns, layouts and kinds of mess as the public "Customer Support Ticket
// Dataset" the tests were first written against (whose licence could not be
// confirmed, so it is not redistributed: see data/README.md), with the same counts
// by construction: 8,469 tickets, 2,769 closed, and on 1,365 of those the resolution
// time comes before the first response.
import { rng } from '../../demo/data/random.js';
import { between, exactly, field, isoDay, pick, shuffle, sqlTime } from './csv.js';

export const TICKETS_SEED = 20_230_601;

/** Tickets per status; only closed tickets have a resolution, a resolution time and a rating. */
export const TICKET_STATUSES = { 'Pending Customer Response': 2_881, Open: 2_819, Closed: 2_769 } as const;
/** Closed tickets by the order of their two times: the inconsistency validation must count. */
export const CLOSED_ORDER = { 'resolved-first': 1_365, tie: 2, 'responded-first': 1_402 } as const;

export const HEADER = [
  'Ticket ID', 'Customer Name', 'Customer Email', 'Customer Age', 'Customer Gender',
  'Product Purchased', 'Date of Purchase', 'Ticket Type', 'Ticket Subject', 'Ticket Description',
  'Ticket Status', 'Resolution', 'Ticket Priority', 'Ticket Channel', 'First Response Time',
  'Time to Resolution', 'Customer Satisfaction Rating',
] as const;

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elena', 'Felipe', 'Gabriela', 'Hugo', 'Irene', 'Jonas', 'Karen', 'Lucas', 'Marta', 'Nelson', 'Olga', 'Paulo', 'Rita', 'Samuel', 'Tânia', 'Victor'];
const LAST = ['Almeida', 'Barros', 'Castro', 'Duarte', 'Esteves', 'Farias', 'Gomes', 'Hill', 'Ibarra', 'Jensen', 'Klein', 'Lopes', 'Moreno', 'Nunes', "O'Neil", 'Pires', 'Quintana', 'Rocha', 'Silva', 'Torres'];
const WORDS = ['able', 'amber', 'bright', 'cedar', 'delta', 'ember', 'field', 'grove', 'harbor', 'island', 'jade', 'kite', 'lumen', 'maple', 'north', 'orbit', 'pine', 'quartz', 'river', 'stone', 'tide', 'umber', 'vale', 'willow'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const PRODUCTS = ['Smart TV', 'Laptop', 'Tablet', 'Smartphone', 'Wireless Earbuds', 'Fitness Tracker', 'Smartwatch', 'Game Console', 'E-reader', 'Router', 'Printer', 'Monitor', 'Action Camera', 'Drone', 'Bluetooth Speaker', 'Photo Editor (software)', 'Office Suite (software)', 'Antivirus (software)', 'Vacuum Robot', 'Coffee Machine'];
const TYPES = ['Refund request', 'Technical issue', 'Cancellation request', 'Product inquiry', 'Billing inquiry'];
const SUBJECTS = ['Account access', 'Battery life', 'Cancellation request', 'Data loss', 'Delivery problem', 'Display issue', 'Hardware issue', 'Installation support', 'Network problem', 'Payment issue', 'Peripheral compatibility', 'Product compatibility', 'Product recommendation', 'Product setup', 'Refund request', 'Software bug'];
const PRIORITIES = ['Low', 'Medium', 'High', 'Critical'];
const CHANNELS = ['Email', 'Phone', 'Social media', 'Chat'];
const GENDERS = ['Male', 'Female', 'Other'];

// Free text with the mess of the original: an unfilled template placeholder in every
// description, line breaks, commas, quotes, typographic punctuation and a few
// replacement characters from a broken re-encoding.
const OPENERS = [
  'My {product_purchased} stopped working after the last update.',
  "I'm having an issue with the {product_purchased}. Please assist.",
  'The {product_purchased} I bought keeps restarting, and I cannot use it.',
  'Can you help me set up my {product_purchased}? The manual is unclear.',
];
const MIDDLES = [
  'I tried the steps in the user guide, but nothing changed.',
  'Support said "try again later" — that was two days ago.',
  'Order details:\n• order placed online\n• paid by card',
  'It works for a few minutes, then the screen goes black.',
  'Please check my account; the charge appears twice.',
  'The error says "device not found", even though it is connected.',
  'I already reset it\u00a0to factory settings.',
  'Message from the app: \ufffdunable to sync\ufffd, code 0x1F.',
];
const CLOSERS = ['Thanks in advance.', 'This is urgent, please call me back.', 'Regards…', ''];

function description(random: () => number): string {
  const parts = [pick(random, OPENERS)];
  const middles = between(random, 0, 2);
  for (let i = 0; i < middles; i++) parts.push(pick(random, MIDDLES));
  const closer = pick(random, CLOSERS);
  if (closer) parts.push(closer);
  return parts.join('\n\n');
}

function resolutionText(random: () => number): string {
  const words = Array.from({ length: between(random, 4, 7) }, () => pick(random, WORDS));
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

const WINDOW_START = Date.UTC(2023, 4, 31, 21, 50);
const WINDOW_SECONDS = 27 * 3600;
const PURCHASE_START = Date.UTC(2020, 0, 1);
const PURCHASE_DAYS = 730;

/** A time in the two-day window of the response and resolution columns, to the second. */
function windowTime(random: () => number): number {
  return WINDOW_START + Math.floor(random() * WINDOW_SECONDS) * 1000;
}

/** First response and resolution of a closed ticket, in the order `order` asks for. */
function closedTimes(random: () => number, order: keyof typeof CLOSED_ORDER): [number, number] {
  const a = windowTime(random);
  if (order === 'tie') return [a, a];
  let b = windowTime(random);
  while (b === a) b = windowTime(random);
  const [early, late] = a < b ? [a, b] : [b, a];
  return order === 'resolved-first' ? [late, early] : [early, late];
}

type Status = keyof typeof TICKET_STATUSES;

function ticketRow(random: () => number, id: number, status: Status, order?: keyof typeof CLOSED_ORDER): string[] {
  const name = `${pick(random, FIRST)} ${pick(random, LAST)}`;
  const email = `${pick(random, WORDS)}${pick(random, WORDS)}${between(random, 0, 99)}@${pick(random, DOMAINS)}`;
  const purchase = isoDay(PURCHASE_START + between(random, 0, PURCHASE_DAYS - 1) * 86_400_000);
  const common = [String(id), name, email, String(between(random, 18, 70)), pick(random, GENDERS), pick(random, PRODUCTS), purchase, pick(random, TYPES), pick(random, SUBJECTS), description(random), status];
  const tail = [pick(random, PRIORITIES), pick(random, CHANNELS)];
  if (status === 'Open') return [...common, '', ...tail, '', '', ''];
  if (status !== 'Closed') return [...common, '', ...tail, sqlTime(windowTime(random)), '', ''];
  const [response, resolved] = closedTimes(random, order!);
  return [...common, resolutionText(random), ...tail, sqlTime(response), sqlTime(resolved), `${between(random, 1, 5)}.0`];
}

/** The whole file: header, then one record per ticket (LF line ends, a final newline). */
export function supportTicketsCsv(seed = TICKETS_SEED): string {
  const random = rng(seed);
  const statuses = shuffle(random, exactly(TICKET_STATUSES));
  const orders = shuffle(random, exactly(CLOSED_ORDER));
  const lines = [HEADER.join(',')];
  let closed = 0;
  statuses.forEach((status, i) => {
    const order = status === 'Closed' ? orders[closed++] : undefined;
    lines.push(ticketRow(random, i + 1, status, order).map(field).join(','));
  });
  return `${lines.join('\n')}\n`;
}
