// A generated stand-in for a year of NPS answers (data/nps_survey_responses.csv.gz).
// The layout and mess of the public file the tests were first written against (which
// carries no licence, so it is not redistributed: see data/README.md): `Date,User,Score`
// with Windows line ends, five answers a day through 2023, a test account that answers
// every day, user names like `sophia024`, and scores spread evenly over 0–10, so the
// NPS is strongly negative.
import { rng } from '../../demo/data/random.js';
import { between, isoDay, pick } from './csv.js';

export const NPS_SEED = 20_230_101;
export const ANSWERS_PER_DAY = 5;
export const DAYS = 365;
/** The account a QA script left answering every morning, first of each day. */
export const TEST_USER = 'testuser';

const NAMES = ['alex', 'sophia', 'emma', 'mike', 'david', 'john', 'lucy', 'olivia'];
const FIRST_DAY = Date.UTC(2023, 0, 1);

/** Four other people a day, none of them twice on the same day. */
function dayUsers(random: () => number): string[] {
  const users = new Set<string>([TEST_USER]);
  while (users.size < ANSWERS_PER_DAY) {
    users.add(`${pick(random, NAMES)}${String(between(random, 0, 999)).padStart(3, '0')}`);
  }
  return [...users];
}

/** The whole file, CRLF line ends and a final CRLF. */
export function npsResponsesCsv(seed = NPS_SEED): string {
  const random = rng(seed);
  const lines = ['Date,User,Score'];
  for (let d = 0; d < DAYS; d++) {
    const day = isoDay(FIRST_DAY + d * 86_400_000);
    for (const user of dayUsers(random)) lines.push(`${day},${user},${between(random, 0, 10)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
