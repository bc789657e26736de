// The rules of the calculators, in one place. Pure functions: plain objects in, plain objects out;
// dates are "YYYY-MM-DD" strings, money is yuan. Every result carries `steps`, the working shown to the
// reader: [{text_zh, text_en, cite}], where cite is a law-registry citation such as "labour-law 44".
// Invalid input returns {error: {zh, en}}, never a number. The tool pages (/tools/<name>/) and the tests
// (tests/calculator_examples.yaml, worked by hand from the statutes) use this module as it is published.
//
// Conventions, stated once: a month or year later is the same day of the month, or the month's last day
// when it has none (Jan 31 + 1 month = Feb 28), always counted from the original date; money is rounded
// half-up to the fen at each figure shown, and later figures use the rounded ones.
// Accepted input (see "input checks" below): dates 1990-01-01 to 2100-12-31; figures in decimal digits only,
// money ≤ 100,000,000 yuan, hours ≤ 10,000, years ≤ 100, days ≤ 366.

import { CALENDAR } from "./holidays.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86400000;

// ── dates, as day numbers (UTC, so no time zone or summer time can move a day) ──

function parseDate(text) {
  const match = typeof text === "string" && DATE.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(y, m - 1, d);
  const check = new Date(time);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return time / DAY;
}

function iso(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function parts(day) {
  const date = new Date(day * DAY);
  return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
}

function addMonths(day, months) {
  const [y, m, d] = parts(day);
  const last = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return Date.UTC(y, m + months, Math.min(d, last)) / DAY;
}

const addYears = (day, years) => addMonths(day, 12 * years);

const WEEKDAYS_ZH = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function zhDate(day) {
  const [y, m, d] = parts(day);
  return `${y}年${m + 1}月${d}日`;
}

function enDate(day) {
  const [y, m, d] = parts(day);
  return `${d} ${MONTHS_EN[m]} ${y}`;
}

const weekday = (day) => new Date(day * DAY).getUTCDay();

// ── money ──

function round(amount) {
  // Half-up to the fen on the decimal value: 14.37 × 1.5 × 3 is 64.665 on paper (→ 64.67) but
  // 64.66499999999999 in binary floating point, so the float is first cut to 12 significant digits.
  const decimal = Number(amount.toPrecision(12));
  return Number(Math.round(Number(`${decimal}e2`)) + "e-2");
}

function yuan(amount) {
  return amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function number(text) {
  return String(Number(text.toFixed(4)));
}

// ── input checks: each returns [value, error] ──
// Figures are decimal digits only, as a person types them: "4350", "4,350.50" (grouping commas every three
// digits), at most two decimals; full-width digits from a Chinese keyboard are read as digits. Anything else
// ("0x1F4", "1e21", "Infinity", "+5") is refused, and so is a figure above the stated maximum of its kind.
// Dates run from FIRST_DAY to LAST_DAY.

const FIRST_DAY = "1990-01-01";
const LAST_DAY = "2100-12-31";
const DECIMAL = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$/;
const KINDS = {
  money: { max: 100000000, zh: "100,000,000元（一亿元）", en: "100,000,000 yuan" },
  hours: { max: 10000, zh: "10,000小时", en: "10,000 hours" },
  years: { max: 100, zh: "100年", en: "100 years" },
  days: { max: 366, zh: "366天", en: "366 days" },
};

function error(zh, en) {
  return { error: { zh, en } };
}

function dateField(value, zhName, enName, required) {
  if (value === null || value === undefined || value === "") {
    return required ? [null, error(`请填写${zhName}。`, `Enter the ${enName}.`)] : [null, null];
  }
  const day = parseDate(value);
  if (day === null) {
    return [null, error(`${zhName}“${value}”不是有效的日期（格式：2025-03-10）。`,
      `The ${enName} '${value}' is not a valid date (format: 2025-03-10).`)];
  }
  if (day < parseDate(FIRST_DAY) || day > parseDate(LAST_DAY)) {
    return [null, error(`${zhName}要在1990年1月1日到2100年12月31日之间。`,
      `The ${enName} must be between 1 January 1990 and 31 December 2100.`)];
  }
  return [day, null];
}

function numberField(value, zhName, enName, required, kind) {
  if (value === null || value === undefined || value === "") {
    return required ? [null, error(`请填写${zhName}。`, `Enter the ${enName}.`)] : [null, null];
  }
  const text = typeof value === "number" || typeof value === "string"
    ? String(value).trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : "";
  if (/^-/.test(text) && DECIMAL.test(text.slice(1))) {
    return [null, error(`${zhName}不能是负数。`, `The ${enName} cannot be negative.`)];
  }
  if (!DECIMAL.test(text)) {
    return [null, error(`${zhName}要填数字，比如 4350 或 4350.50（最多两位小数）。`,
      `The ${enName} must be a number such as 4350 or 4350.50 (at most two decimals).`)];
  }
  const amount = Number(text.replaceAll(",", ""));
  if (amount > KINDS[kind].max) {
    return [null, error(`${zhName}不能超过${KINDS[kind].zh}。`, `The ${enName} cannot be more than ${KINDS[kind].en}.`)];
  }
  return [amount, null];
}

const amountField = (value, zhName, enName, required) => numberField(value, zhName, enName, required, "money");

function step(text_zh, text_en, cite = null) {
  return { text_zh, text_en, cite };
}

// ── the holiday calendar ──

const OFF = new Set(CALENDAR.off);
const WORK = new Set(CALENDAR.work);
const COVERED = new Set(CALENDAR.years);

function isRestDay(day) {
  const text = iso(day);
  if (OFF.has(text)) return true;
  if (WORK.has(text)) return false;
  return weekday(day) === 0 || weekday(day) === 6;
}

function calendarYears() {
  const years = [...CALENDAR.years].sort();
  return years.length ? `${years[0]}–${years[years.length - 1]}` : "—";
}

// ── 1. the last day to apply for labour arbitration ──

export function arbitrationDeadline({ knewOn, employmentEnded, claim } = {}) {
  if (claim !== "wages" && claim !== "other") {
    return error("请选择要主张的是工资还是其他权利。", "Choose whether the claim is for wages or something else.");
  }
  const [knew, knewError] = dateField(knewOn, "知道权利受侵害的日期", "date you knew of the violation",
    claim === "other");
  if (knewError) return knewError;
  const [ended, endedError] = dateField(employmentEnded, "离职日期", "date your employment ended", false);
  if (endedError) return endedError;

  const steps = [step(
    "申请劳动仲裁的时效是一年，从知道或者应当知道自己的权利被侵害之日起算。",
    "The time limit for labour arbitration is one year from the day you knew or should have known that your rights were violated.",
    "labour-dispute-law 27")];
  let start;
  if (claim === "wages") {
    if (ended === null) {
      steps.push(step(
        "你还在这家单位工作：在职期间因拖欠工资发生的争议，不受一年时效的限制。离职以后，要在离职之日起一年内申请仲裁。",
        "You still work for this employer: a dispute over unpaid wages while the employment lasts is not subject to the one-year limit. Once the employment ends, apply within one year of the day it ended.",
        "labour-dispute-law 27"));
      return { running: false, deadline: null, nominalDeadline: null, shifted: false, calendarCovered: true, steps };
    }
    start = ended;
    steps.push(step(
      `要的是拖欠的工资，劳动关系已在${zhDate(ended)}结束：一年从这一天起算。`,
      `The claim is for unpaid wages and the employment ended on ${enDate(ended)}: the year runs from that day.`,
      "labour-dispute-law 27"));
  } else {
    start = knew;
    steps.push(step(`你在${zhDate(knew)}知道权利被侵害：一年从这一天起算。`,
      `You knew of the violation on ${enDate(knew)}: the year runs from that day.`, "labour-dispute-law 27"));
  }

  const nominal = addYears(start, 1);
  steps.push(step("起算的当天不算，从第二天开始计算。", "The starting day itself is not counted; the period begins the next day.",
    "civil-code 201"));
  steps.push(step(
    `一年后对应的那一天是最后一天（没有对应日的，用那个月的最后一天）：${zhDate(nominal)}（${WEEKDAYS_ZH[weekday(nominal)]}）。`,
    `The last day is the same date one year later (or that month's last day if it has no such date): ${enDate(nominal)} (${WEEKDAYS_EN[weekday(nominal)]}).`,
    "civil-code 202"));
  let deadline = nominal;
  let covered = COVERED.has(parts(nominal)[0]);
  while (isRestDay(deadline)) {
    deadline += 1;
    covered = covered && COVERED.has(parts(deadline)[0]);
  }
  if (deadline !== nominal) {
    steps.push(step(
      `最后一天是休息日或法定节假日的，顺延到假日结束后的第一天：${zhDate(deadline)}（${WEEKDAYS_ZH[weekday(deadline)]}）。这里把国务院公布的放假日和不调休上班的周六、周日都算作休息日；为了稳妥，最好不晚于${zhDate(nominal)}申请。`,
      `When the last day is a rest day or public holiday, it moves to the first day after the holiday: ${enDate(deadline)} (${WEEKDAYS_EN[weekday(deadline)]}). This counts the State Council's official days off and ordinary Saturdays and Sundays (unless made working days) as rest days; to be safe, apply no later than ${enDate(nominal)}.`,
      "civil-code 203"));
  }
  if (!covered) {
    steps.push(step(
      `网站的节假日表只包括${calendarYears()}年。这一年的法定节假日还没有收录，只按周六、周日算了休息日；如果最后一天是节假日，实际期限会更晚，但不要等。`,
      `The site's holiday calendar covers ${calendarYears()} only. Public holidays in that year are not included, so only Saturdays and Sundays were treated as rest days; if the last day is a public holiday the real deadline is later, but do not wait for it.`,
      "civil-code 203"));
  }
  steps.push(step(
    "时效可以中断：你向单位要过钱、向有关部门求助（投诉、申请调解等）、或者单位同意支付的，从中断时起重新计算一年。能不能中断要看证据，这里没有算进去——保留好要钱、投诉的记录和日期。",
    "The period can be interrupted: if you demanded payment from the employer, asked a public body for help (a complaint, mediation), or the employer agreed to pay, a new year starts from then. Whether that applies depends on evidence, so it is not computed here — keep records and dates of your demands and complaints.",
    "labour-dispute-law 27"));
  steps.push(step(
    "因不可抗力或者其他正当理由不能申请仲裁的，时效中止，原因消除后继续计算。",
    "If force majeure or another good reason prevented you from applying, the period is suspended and continues once the obstacle is gone.",
    "labour-dispute-law 27"));
  return { running: true, deadline: iso(deadline), nominalDeadline: iso(nominal), shifted: deadline !== nominal,
    calendarCovered: covered, steps };
}

// ── 2. double wages for working without a written contract ──
// Both ends of the period are counted the Civil Code's way (Arts. 201–202), as the deadline is: "满一个月" from
// the first day of work is the same date one month later, M(1), so double wages start the day after it;
// "满一年" is the same date one year later, Y, so they stop the day before it, and the open-ended contract is
// deemed made on Y. Months run from the day after M(k) to M(k+1), both ends included. A part month is counted by
// the days actually worked in it (SPC Interpretation (II) Art. 6) at the daily wage, monthly wage ÷ 21.75.

export function doubleWages({ start, contractSigned, end, monthlyWage, partMonthWorkdays } = {}) {
  const [first, startError] = dateField(start, "入职日期（开始干活的第一天）", "first day of work", true);
  if (startError) return startError;
  const [signed, signedError] = dateField(contractSigned, "签合同的日期", "date the contract was signed", false);
  if (signedError) return signedError;
  const [last, endError] = dateField(end, "最后工作日", "last day of work", false);
  if (endError) return endError;
  const [wage, wageError] = amountField(monthlyWage, "月工资", "monthly wage", true);
  if (wageError) return wageError;
  const [workdays, workdaysError] = numberField(partMonthWorkdays, "不满一个月那段时间实际上班的天数",
    "days actually worked in the part month", false, "days");
  if (workdaysError) return workdaysError;
  if (last !== null && last < first) {
    return error("最后工作日不能早于入职日期。", "The last day of work cannot be before the first day of work.");
  }

  const monthFrom = (k) => addMonths(first, k);
  const yearDay = addYears(first, 1);
  const periodFrom = monthFrom(1) + 1;
  let periodTo = yearDay - 1;
  if (signed !== null) periodTo = Math.min(periodTo, signed - 1);
  if (last !== null) periodTo = Math.min(periodTo, last);
  const steps = [step("单位应在用工之日起一个月内签书面合同。",
    "The employer must sign a written contract within one month of your first day of work.", "labour-contract-law 10")];
  steps.push(step(`你${zhDate(first)}开始干活。这一天不算，从下一天开始算。`,
    `You started on ${enDate(first)}. That day is not counted; counting starts the next day.`, "civil-code 201"));
  steps.push(step(
    `一个月到下个月的同一天为止（没有这一天的到月底）：满一个月是${zhDate(monthFrom(1))}，满一年是${zhDate(yearDay)}。`,
    `A month ends on the same date a month later (or that month's last day): the month is complete on ${enDate(monthFrom(1))}, the year on ${enDate(yearDay)}.`,
    "civil-code 202"));
  steps.push(step(
    `两倍工资从满一个月的次日（${zhDate(periodFrom)}）起算，到补签书面合同的前一日为止；一直没签的，最多算到满一年的前一日（${zhDate(yearDay - 1)}）。离职的算到最后工作日。`,
    `Double wages run from the day after the month is complete (${enDate(periodFrom)}) to the day before a written contract is signed; if none is signed, at most to the day before the year is complete (${enDate(yearDay - 1)}). If you left earlier, to your last day of work.`,
    "labour-contract-law-regulations 7"));

  let fullMonths = 0, extraDays = 0, partFrom = null, dailyWage = null, partAmount = null, amount = 0;
  if (periodTo < periodFrom) {
    steps.push(step("按你填的日期，没有超过一个月不签合同的时间，不欠两倍工资。",
      "By the dates you entered, there was no time without a contract after the first month: no double wages are owed.",
      "labour-contract-law 82"));
  } else {
    while (fullMonths < 11 && monthFrom(2 + fullMonths) <= periodTo) fullMonths += 1;
    // The whole span the regulations name, from the day after the first month to the day before the year is
    // complete, is the eleven months of double wages the law allows at most (it ends a day short of M(12)).
    if (periodTo === yearDay - 1) fullMonths = 11;
    if (fullMonths < 11 && monthFrom(1 + fullMonths) + 1 <= periodTo) {
      partFrom = monthFrom(1 + fullMonths) + 1;
      extraDays = periodTo - partFrom + 1;
    }
    if (workdays !== null && partFrom !== null && workdays > extraDays) {
      return error(`${zhDate(partFrom)}到${zhDate(periodTo)}只有${extraDays}天，实际上班的天数不能比这还多。`,
        `${enDate(partFrom)} to ${enDate(periodTo)} has only ${extraDays} day(s); you cannot have worked more days than that.`);
    }
    if (periodTo === yearDay - 1) {
      steps.push(step("一直没签满一年的，满一个月的次日至满一年的前一日按11个整月算。",
        "If nothing was signed for the whole year, the period from the day after the first month to the day before the year is complete counts as 11 full months.",
        "labour-contract-law-regulations 7"));
    }
    const monthsAmount = round(wage * fullMonths);
    steps.push(step(
      `应付两倍工资的时间：${zhDate(periodFrom)}到${zhDate(periodTo)}（两头都算），共${fullMonths}个整月${extraDays ? `，又从${zhDate(partFrom)}起的${extraDays}天不满一个月` : ""}。`,
      `Double wages are owed from ${enDate(periodFrom)} to ${enDate(periodTo)} (both days included): ${fullMonths} full month(s)${extraDays ? `, and ${extraDays} day(s) from ${enDate(partFrom)} that make less than a month` : ""}.`,
      "labour-contract-law-regulations 6"));
    steps.push(step(
      `平时的工资已经发过，还能要的是另一倍。整月：${yuan(wage)} × ${fullMonths} = ${yuan(monthsAmount)} 元。`,
      `Your normal wage was already paid; what you can still claim is the second wage. Full months: ${yuan(wage)} × ${fullMonths} = ${yuan(monthsAmount)} yuan.`,
      "labour-contract-law 82"));
    amount = monthsAmount;
    if (extraDays) {
      steps.push(step(
        "据最高人民法院劳动争议解释（二）第六条（目前只经二手资料核对），不满一个月的按实际工作日计算。",
        "According to SPC Labour Dispute Interpretation (II) Art. 6 (so far checked only in secondary sources), a part month is counted by the days actually worked.",
        "spc-labour-dispute-interpretation-2 6"));
      if (workdays === null) {
        steps.push(step(
          `不满一个月的这段（${zhDate(partFrom)}到${zhDate(periodTo)}）还没有算进去：在表里填上这段时间你实际上班的天数，再算一次。`,
          `The part month (${enDate(partFrom)} to ${enDate(periodTo)}) is not included yet: enter the days you actually worked in it and calculate again.`,
          "spc-labour-dispute-interpretation-2 6"));
      } else {
        dailyWage = round(wage / 21.75);
        partAmount = round(dailyWage * workdays);
        amount = round(monthsAmount + partAmount);
        steps.push(step(
          `日工资 = 月工资 ÷ 21.75天 = ${yuan(wage)} ÷ 21.75 ≈ ${yuan(dailyWage)} 元；不满一个月的部分：${yuan(dailyWage)} × ${number(workdays)}天 = ${yuan(partAmount)} 元。合计 ${yuan(monthsAmount)} + ${yuan(partAmount)} = ${yuan(amount)} 元。各地折算日工资的做法不完全一样。`,
          `Daily wage = monthly wage ÷ 21.75 days = ${yuan(wage)} ÷ 21.75 ≈ ${yuan(dailyWage)} yuan; the part month: ${yuan(dailyWage)} × ${number(workdays)} day(s) = ${yuan(partAmount)} yuan. Total ${yuan(monthsAmount)} + ${yuan(partAmount)} = ${yuan(amount)} yuan. How a daily wage is worked out varies somewhat by place.`,
          "wage-conversion-notice"));
      }
    }
  }
  if (workdays !== null && !extraDays) {
    steps.push(step("没有不满一个月的部分，你填的上班天数没有用到。",
      "There is no part month, so the days worked you entered were not used.", "spc-labour-dispute-interpretation-2 6"));
  }
  const openEnded = (signed === null || signed > yearDay) && (last === null || last >= yearDay);
  if (openEnded) {
    steps.push(step(
      `满一年（${zhDate(yearDay)}）还没签书面合同的，视为满一年的当日已经订立无固定期限劳动合同，单位应当立即补签。`,
      `With no written contract when the year is complete (${enDate(yearDay)}), the law treats you as having an open-ended contract from that day; the employer must sign one at once.`,
      "labour-contract-law-regulations 7"));
  }
  steps.push(step(
    "二倍工资的仲裁时效怎么算，各地做法不一样，有的地方较早月份的可能已经过了时效：尽早申请仲裁。",
    "How the one-year limit applies to double wages differs from place to place; in some places the earliest months may already be time-barred, so apply for arbitration soon.",
    "labour-dispute-law 27"));
  const owed = periodTo >= periodFrom;
  return { periodFrom: owed ? iso(periodFrom) : null, periodTo: owed ? iso(periodTo) : null, fullMonths,
    partFrom: partFrom === null ? null : iso(partFrom), extraDays, partMonthWorkdays: extraDays ? workdays : null,
    dailyWage, partAmount, amount, partPending: extraDays > 0 && workdays === null,
    openEndedFrom: openEnded ? iso(yearDay) : null, steps };
}

// ── 3. economic compensation (severance) and double compensation for unlawful dismissal ──

export function severance({ start, end, monthlyWage, localAverageWage, unlawful } = {}) {
  const [first, startError] = dateField(start, "入职日期", "first day of work", true);
  if (startError) return startError;
  const [last, endError] = dateField(end, "最后工作日", "last day of work", true);
  if (endError) return endError;
  const [wage, wageError] = amountField(monthlyWage, "月平均工资", "average monthly wage", true);
  if (wageError) return wageError;
  const [average, averageError] = amountField(localAverageWage, "当地上年度职工月平均工资",
    "local average monthly wage", false);
  if (averageError) return averageError;
  if (last < first) return error("最后工作日不能早于入职日期。", "The last day of work cannot be before the first day of work.");

  let years = 0;
  while (addYears(first, years + 1) <= last + 1) years += 1;
  const rest = addYears(first, years) <= last ? (addMonths(first, 12 * years + 6) <= last + 1 ? 1 : 0.5) : 0;
  let months = years + rest;
  const steps = [step(
    `工作年限：${zhDate(first)}到${zhDate(last)}，满${years}年${rest === 1 ? "，剩下的满六个月、按一年算" : rest ? "，剩下的不满六个月、按半年算" : ""}。每满一年付一个月工资，六个月以上不满一年的按一年算，不满六个月的付半个月：共${number(months)}个月。`,
    `Service: ${enDate(first)} to ${enDate(last)}, ${years} full year(s)${rest === 1 ? "; the remainder is six months or more and counts as a year" : rest ? "; the remainder is under six months and counts as half a year" : ""}. One month's wage per full year, a remainder of six months or more counts as a year, under six months as half a month: ${number(months)} month(s).`,
    "labour-contract-law 47")];
  steps.push(step(
    "月工资是离职前十二个月的平均应得工资，包括计时计件工资、奖金、津贴和补贴；低于当地最低工资的，按最低工资算。",
    "The monthly wage is the average of what you were due in the twelve months before leaving, including time or piece wages, bonuses, allowances and subsidies; if it is below the local minimum wage, the minimum wage is used.",
    "labour-contract-law-regulations 27"));
  if (first < parseDate("2008-01-01")) {
    steps.push(step("劳动合同法从2008年1月1日起施行；之前的工作年限，按当时的规定应付经济补偿的，按当时的规定算，请问律师。",
      "The Labour Contract Law took effect on 1 January 2008; for years worked before then, severance is owed where the rules of the time required it, under those rules — ask a lawyer.",
      "labour-contract-law 97"));
  }
  let base = wage, capped = false;
  if (average === null) {
    steps.push(step("没有填当地上年度职工月平均工资，所以没有检查封顶（只有月工资超过它三倍的才封顶；各地数字不同，请查当地公布的数据）。",
      "No local average monthly wage entered, so the cap was not checked (it applies only to wages above three times that figure, which varies by place — check the local published figure).",
      "labour-contract-law 47"));
  } else if (wage > 3 * average) {
    capped = true;
    base = round(3 * average);
    const before = months;
    months = Math.min(months, 12);
    steps.push(step(
      `你的月工资高于当地上年度职工月平均工资${yuan(average)}元的三倍，按三倍${yuan(base)}元算，年限最多算十二年${before > 12 ? `（${number(before)}个月减为12个月）` : ""}。`,
      `Your wage is above three times the local average monthly wage of ${yuan(average)} yuan, so ${yuan(base)} yuan is used and at most twelve years count${before > 12 ? ` (${number(before)} months reduced to 12)` : ""}.`,
      "labour-contract-law 47"));
  } else {
    steps.push(step(`你的月工资不高于当地平均工资${yuan(average)}元的三倍，不封顶。`,
      `Your wage is not above three times the local average of ${yuan(average)} yuan: no cap.`, "labour-contract-law 47"));
  }
  const amount = round(base * months);
  steps.push(step(`经济补偿：${yuan(base)} × ${number(months)} = ${yuan(amount)} 元。`,
    `Severance: ${yuan(base)} × ${number(months)} = ${yuan(amount)} yuan.`, "labour-contract-law 47"));
  let total = amount;
  if (unlawful === true) {
    total = round(amount * 2);
    steps.push(step(
      `单位违法解除或终止的，按经济补偿标准的二倍付赔偿金：${yuan(amount)} × 2 = ${yuan(total)} 元；付了赔偿金就不再另付经济补偿，年限从用工之日起算。`,
      `If the employer ended the contract unlawfully, it pays compensation at twice the severance rate: ${yuan(amount)} × 2 = ${yuan(total)} yuan; this replaces severance, not adds to it, and service counts from your first day of work.`,
      "labour-contract-law 87"));
  } else {
    steps.push(step("哪些情况单位要付经济补偿，看劳动合同法第四十六条（比如单位提出协商解除、合同到期单位不续签、因单位欠薪你辞职）。",
      "Whether severance is owed depends on how the job ended — see Labour Contract Law Art. 46 (e.g. the employer proposed ending it, did not renew a fixed term, or you quit because wages were unpaid).",
      "labour-contract-law 46"));
  }
  return { years, months, base, capped, amount, total, steps };
}

// ── 4. overtime pay ──

export function overtimePay({ monthlyWage, workdayHours, restDayHours, holidayHours } = {}) {
  const [wage, wageError] = amountField(monthlyWage, "月工资", "monthly wage", true);
  if (wageError) return wageError;
  const hours = [];
  for (const [value, zh, en] of [[workdayHours, "工作日加班小时数", "working-day overtime hours"],
    [restDayHours, "休息日加班小时数", "rest-day overtime hours"],
    [holidayHours, "法定节假日加班小时数", "public-holiday overtime hours"]]) {
    const [amount, amountError] = numberField(value, zh, en, false, "hours");
    if (amountError) return amountError;
    hours.push(amount ?? 0);
  }
  const hourlyRate = round(wage / 21.75 / 8);
  const workday = round(hourlyRate * 1.5 * hours[0]);
  const restDay = round(hourlyRate * 2 * hours[1]);
  const holiday = round(hourlyRate * 3 * hours[2]);
  const total = round(workday + restDay + holiday);
  const steps = [
    step(`小时工资 = 月工资 ÷ 21.75天 ÷ 8小时 = ${yuan(wage)} ÷ 21.75 ÷ 8 ≈ ${yuan(hourlyRate)} 元（21.75是国家规定的每月计薪天数）。`,
      `Hourly rate = monthly wage ÷ 21.75 days ÷ 8 hours = ${yuan(wage)} ÷ 21.75 ÷ 8 ≈ ${yuan(hourlyRate)} yuan (21.75 is the national number of paid days in a month).`,
      "wage-conversion-notice"),
    step(`工作日延长工作时间，至少150%：${yuan(hourlyRate)} × 150% × ${number(hours[0])}小时 = ${yuan(workday)} 元。`,
      `Extra hours on working days, at least 150%: ${yuan(hourlyRate)} × 150% × ${number(hours[0])} h = ${yuan(workday)} yuan.`,
      "labour-law 44"),
    step(`休息日加班又没有补休的，至少200%：${yuan(hourlyRate)} × 200% × ${number(hours[1])}小时 = ${yuan(restDay)} 元。`,
      `Rest-day work without time off in lieu, at least 200%: ${yuan(hourlyRate)} × 200% × ${number(hours[1])} h = ${yuan(restDay)} yuan.`,
      "labour-law 44"),
    step(`法定节假日当天加班，至少300%（补休不能代替；放长假时调休出来的休息日按休息日算）：${yuan(hourlyRate)} × 300% × ${number(hours[2])}小时 = ${yuan(holiday)} 元。`,
      `Work on the public holiday days themselves, at least 300% (time off in lieu does not replace it; days off moved into a long break are rest days): ${yuan(hourlyRate)} × 300% × ${number(hours[2])} h = ${yuan(holiday)} yuan.`,
      "labour-law 44"),
    step(`合计至少 ${yuan(total)} 元。法律规定的是“不低于”这些比例，是最低标准。`,
      `Total at least ${yuan(total)} yuan. The law says "not less than" these rates: they are minimums.`,
      "labour-law 44"),
  ];
  return { hourlyRate, workday, restDay, holiday, total, steps };
}

// ── 5. work-injury disability benefits ──

const GRANT_MONTHS = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];
const ALLOWANCE_PERCENT = [90, 85, 80, 75, 70, 60];
const GRADE_ARTICLE = (grade) => grade <= 4 ? "35" : grade <= 6 ? "36" : "37";
const GRADES_ZH = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function workInjuryBenefits({ grade, ownWage, localAverageWage } = {}) {
  const level = typeof grade === "number" ? grade : /^(?:[1-9]|10)$/.test(String(grade ?? "").trim())
    ? Number(String(grade).trim()) : NaN;
  if (!Number.isInteger(level) || level < 1 || level > 10) {
    return error("请选择伤残等级（一级到十级）。", "Choose the disability grade (1 to 10).");
  }
  const [own, ownError] = amountField(ownWage, "本人工资", "own wage", true);
  if (ownError) return ownError;
  const [average, averageError] = amountField(localAverageWage, "统筹地区职工月平均工资",
    "area's average monthly wage", false);
  if (averageError) return averageError;
  if (average === 0) {
    return error("统筹地区职工月平均工资不能是0；不知道就不填。",
      "The area's average monthly wage cannot be 0; leave it empty if you do not know it.");
  }

  const article = `work-injury-insurance-regulations ${GRADE_ARTICLE(level)}`;
  const zhGrade = `${GRADES_ZH[level]}级`;
  const steps = [step(
    "本人工资是受伤（或得职业病）前12个月平均每月的缴费工资。低于统筹地区职工平均工资60%的按60%算，高于300%的按300%算。",
    "The \"own wage\" is the average monthly contribution wage over the 12 months before the injury (or occupational disease). Below 60% of the area's average wage it counts as 60%; above 300% it counts as 300%.",
    "work-injury-insurance-regulations 64")];
  let base = own, floored = false, capped = false;
  if (average === null) {
    steps.push(step(
      `没有填统筹地区职工月平均工资，所以没有按60%、300%调整，按你填的${yuan(own)}元算。这个数字因地而异，请查当地公布的数字；本人工资偏低的，调整后会更多。`,
      `No area average wage entered, so the 60% and 300% rule was not applied and your ${yuan(own)} yuan is used. The figure varies by place — check the one published locally; a low own wage may be raised.`,
      "work-injury-insurance-regulations 64"));
  } else {
    const low = round(average * 60 / 100);
    const high = round(average * 3);
    if (own < low) {
      floored = true;
      base = low;
      steps.push(step(`你的${yuan(own)}元低于${yuan(average)}元的60%（${yuan(low)}元），按${yuan(low)}元算。`,
        `Your ${yuan(own)} yuan is below 60% of ${yuan(average)} yuan (${yuan(low)} yuan), so ${yuan(low)} yuan is used.`,
        "work-injury-insurance-regulations 64"));
    } else if (own > high) {
      capped = true;
      base = high;
      steps.push(step(`你的${yuan(own)}元高于${yuan(average)}元的300%（${yuan(high)}元），按${yuan(high)}元算。`,
        `Your ${yuan(own)} yuan is above 300% of ${yuan(average)} yuan (${yuan(high)} yuan), so ${yuan(high)} yuan is used.`,
        "work-injury-insurance-regulations 64"));
    } else {
      steps.push(step(`你的${yuan(own)}元在${yuan(low)}元（60%）和${yuan(high)}元（300%）之间，不用调整。`,
        `Your ${yuan(own)} yuan is between ${yuan(low)} yuan (60%) and ${yuan(high)} yuan (300%): no change.`,
        "work-injury-insurance-regulations 64"));
    }
  }

  const grantMonths = GRANT_MONTHS[level - 1];
  const grant = round(base * grantMonths);
  steps.push(step(
    `一次性伤残补助金（工伤保险基金付）：${zhGrade}伤残是${grantMonths}个月的本人工资，${yuan(base)} × ${grantMonths} = ${yuan(grant)} 元。`,
    `One-off disability grant (paid by the work-injury insurance fund): grade ${level} is ${grantMonths} months of own wage, ${yuan(base)} × ${grantMonths} = ${yuan(grant)} yuan.`,
    article));

  let allowancePercent = null, allowance = null, allowancePaidBy = null;
  if (level <= 6) {
    allowancePercent = ALLOWANCE_PERCENT[level - 1];
    allowance = round(base * allowancePercent / 100);
  }
  if (level <= 4) {
    allowancePaidBy = "fund";
    steps.push(step(
      `一至四级：保留劳动关系，退出工作岗位。伤残津贴由工伤保险基金按月付，${zhGrade}是本人工资的${allowancePercent}%：${yuan(base)} × ${allowancePercent}% = ${yuan(allowance)} 元/月。实际金额低于当地最低工资标准的，由基金补足差额（最低工资因地而异，这里没有算）。`,
      `Grades 1–4: you keep the employment relationship and stop working. The fund pays a monthly disability allowance, for grade ${level} ${allowancePercent}% of own wage: ${yuan(base)} × ${allowancePercent}% = ${yuan(allowance)} yuan a month. If that is below the local minimum wage, the fund makes up the difference (the minimum wage varies by place and is not computed here).`,
      article));
    steps.push(step(
      "到退休年龄办了退休手续后，停发伤残津贴，改领基本养老保险待遇；养老金低于伤残津贴的，由基金补足差额。",
      "Once you reach retirement age and retire, the allowance stops and the basic pension takes over; if the pension is lower than the allowance, the fund makes up the difference.",
      article));
  } else if (level <= 6) {
    allowancePaidBy = "employer";
    steps.push(step(
      `五、六级：保留劳动关系，由单位安排适当工作。难以安排工作的，由单位按月发伤残津贴，${zhGrade}是本人工资的${allowancePercent}%：${yuan(base)} × ${allowancePercent}% = ${yuan(allowance)} 元/月，并由单位照常缴各项社会保险费。实际金额低于当地最低工资标准的，由单位补足差额（最低工资因地而异，这里没有算）。`,
      `Grades 5–6: you keep the employment relationship and the employer arranges suitable work. If it cannot, the employer pays a monthly disability allowance, for grade ${level} ${allowancePercent}% of own wage: ${yuan(base)} × ${allowancePercent}% = ${yuan(allowance)} yuan a month, and keeps paying your social insurance. If that is below the local minimum wage, the employer makes up the difference (the minimum wage varies by place and is not computed here).`,
      article));
    steps.push(step(
      "你本人提出的，可以和单位解除或终止劳动关系：基金付一次性工伤医疗补助金，单位付一次性伤残就业补助金。这两项的标准由各省、自治区、直辖市规定，因地而异，这里没有算。",
      "If you ask for it, the employment relationship can end: the fund pays a one-off work-injury medical subsidy and the employer a one-off disability employment subsidy. Their amounts are set by each province, so they vary by place and are not computed here.",
      article));
  } else {
    steps.push(step(
      "七至十级没有按月的伤残津贴。劳动合同期满终止，或者你本人提出解除合同的，基金付一次性工伤医疗补助金，单位付一次性伤残就业补助金；标准由各省、自治区、直辖市规定，因地而异，这里没有算。",
      "Grades 7–10 have no monthly allowance. When the contract expires, or you end it yourself, the fund pays a one-off work-injury medical subsidy and the employer a one-off disability employment subsidy; their amounts are set by each province, so they vary by place and are not computed here.",
      article));
  }
  steps.push(step(
    "单位应该参加工伤保险却没有参加的，你受工伤后，这些待遇由单位按条例规定的项目和标准自己支付。",
    "If the employer should have insured you but did not, it must itself pay these benefits, at the regulations' items and rates.",
    "work-injury-insurance-regulations 62"));
  return { grade: level, base, floored, capped, grantMonths, grant, allowancePercent, allowance, allowancePaidBy, steps };
}

// ── 6. pay for untaken annual leave ──

export function annualLeavePay({ cumulativeYears, daysTaken, monthlyWage } = {}) {
  const [years, yearsError] = numberField(cumulativeYears, "累计工作年限", "years of work in total", true, "years");
  if (yearsError) return yearsError;
  const [taken, takenError] = numberField(daysTaken, "今年已经休的年休假天数", "days of annual leave taken this year",
    false, "days");
  if (takenError) return takenError;
  const [wage, wageError] = amountField(monthlyWage, "月工资", "monthly wage", true);
  if (wageError) return wageError;

  const daysDue = years >= 20 ? 15 : years >= 10 ? 10 : years >= 1 ? 5 : 0;
  const daysTakenCount = taken ?? 0;
  const daysUntaken = Math.max(0, Number((daysDue - daysTakenCount).toFixed(2)));
  const steps = [step(
    `累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，10天；已满20年的，15天。你累计工作${number(years)}年：${daysDue ? `每年${daysDue}天` : "还不满1年，还没有年休假"}。法定节假日、休息日不算在年休假里。`,
    `With at least 1 and under 10 years of work in total, annual leave is 5 days; at least 10 and under 20 years, 10 days; 20 years or more, 15 days. You have ${number(years)} year(s) in total: ${daysDue ? `${daysDue} days a year` : "under 1 year, so no annual leave yet"}. Public holidays and rest days do not count as annual leave.`,
    "paid-annual-leave-regulations 3")];
  steps.push(step(
    "要连续工作满12个月以上（可以是在不同单位），才有年休假；天数再按累计工作年限定。",
    "You are entitled only after 12 months or more of continuous work (it may be with different employers); the number of days then depends on your total years of work.",
    "annual-leave-implementing-measures 3"));
  steps.push(step(
    "累计工作时间包括在同一个单位和不同单位工作的时间。",
    "Your years of work include time with the same employer and with different employers.",
    "annual-leave-implementing-measures 4"));
  steps.push(step(
    "刚进单位的那一年，天数按当年在本单位剩余的日历天数折算，不足1整天的不算；这里按整年算，没有折算。",
    "In the year you join an employer, the days are prorated by the calendar days left in that year, dropping any part of a day; this calculator counts a whole year and does not prorate.",
    "annual-leave-implementing-measures 5"));
  steps.push(step(
    "离职的那一年，按当年已经工作的日历天数折算应休天数，减去已经安排休的，不足1整天的部分不付钱；这里也没有折算。",
    "In the year you leave, the days due are prorated by the calendar days already worked that year, less leave already arranged, and any part of a day is not paid; this is not prorated here either.",
    "annual-leave-implementing-measures 12"));
  const dailyWage = round(wage / 21.75);
  let extraPay = 0, totalPay = 0;
  if (daysUntaken === 0) {
    steps.push(step(
      daysDue ? `你今年已经休了${number(daysTakenCount)}天，不少于应休的${daysDue}天，没有未休的年休假。` : "没有应休的年休假，也就没有未休年休假工资。",
      daysDue ? `You have taken ${number(daysTakenCount)} day(s) this year, not fewer than the ${daysDue} due: no leave is left untaken.` : "No annual leave is due, so no pay for untaken leave.",
      "paid-annual-leave-regulations 3"));
  } else {
    extraPay = round(dailyWage * 2 * daysUntaken);
    totalPay = round(dailyWage * 3 * daysUntaken);
    steps.push(step(`应休${daysDue}天，已休${number(daysTakenCount)}天，未休${number(daysUntaken)}天。`,
      `${daysDue} day(s) due, ${number(daysTakenCount)} taken, ${number(daysUntaken)} untaken.`,
      "paid-annual-leave-regulations 3"));
    steps.push(step(
      `日工资 = 月工资 ÷ 21.75天 = ${yuan(wage)} ÷ 21.75 ≈ ${yuan(dailyWage)} 元。月工资是单位支付前12个月、不算加班工资的月平均工资；不满12个月的按实际月份算。`,
      `Daily wage = monthly wage ÷ 21.75 days = ${yuan(wage)} ÷ 21.75 ≈ ${yuan(dailyWage)} yuan. The monthly wage is the average of the 12 months before payment, leaving out overtime pay; with fewer months, of the months worked.`,
      "annual-leave-implementing-measures 11"));
    steps.push(step(
      "应休未休的年休假天数，单位应当按你日工资收入的300%支付（单位确因工作需要，经你本人同意，才可以不安排年休假）。",
      "Each day of leave due but not taken must be paid at 300% of your daily wage (the employer may leave your leave unarranged only when the work truly requires it and you agree).",
      "paid-annual-leave-regulations 5"));
    steps.push(step(
      `这300%包括已经发过的正常工资，所以还要另付200%：${yuan(dailyWage)} × 200% × ${number(daysUntaken)}天 = ${yuan(extraPay)} 元（连同正常工资共300%：${yuan(totalPay)} 元）。`,
      `The 300% includes the normal wage already paid, so 200% more is owed: ${yuan(dailyWage)} × 200% × ${number(daysUntaken)} day(s) = ${yuan(extraPay)} yuan (300% with the normal wage: ${yuan(totalPay)} yuan).`,
      "annual-leave-implementing-measures 10"));
    steps.push(step(
      "单位安排了年休假，你因为自己的原因书面提出不休的，单位可以只付正常工资。",
      "If the employer arranged the leave and you said in writing that you would not take it, for your own reasons, the employer may pay only the normal wage.",
      "annual-leave-implementing-measures 10"));
  }
  steps.push(step(
    "请事假累计20天以上且单位按规定不扣工资的，或者病假累计较长的（满1年不满10年的2个月以上，满10年不满20年的3个月以上，满20年的4个月以上），当年不享受年休假。",
    "You lose that year's leave after 20 or more days of personal leave that the employer did not deduct from pay, or after long sick leave (2 months or more with 1–10 years of work, 3 months with 10–20 years, 4 months with 20 years or more).",
    "paid-annual-leave-regulations 4"));
  steps.push(step(
    "单位不安排年休假又不付这笔钱的，劳动保障部门可以责令限期改正；逾期不改的，单位除了付这笔钱，还要按同样数额加付赔偿金。",
    "If the employer neither arranges the leave nor pays, the labour authority can order it to put this right by a deadline; if it still does not, it must pay this amount plus the same amount again as compensation.",
    "paid-annual-leave-regulations 7"));
  return { daysDue, daysTaken: daysTakenCount, daysUntaken, dailyWage, extraPay, totalPay, steps };
}

// ── 7. unpaid wages, as the worker entered them ──
// The worker adds up what was due and what was paid for one period; the owed amount is the difference.

export function unpaidWages({ periodStart, periodEnd, wagesDue, wagesPaid } = {}) {
  const [first, startError] = dateField(periodStart, "欠薪开始的日期", "first day of the unpaid period", true);
  if (startError) return startError;
  const [last, endError] = dateField(periodEnd, "欠薪结束的日期", "last day of the unpaid period", true);
  if (endError) return endError;
  const [due, dueError] = amountField(wagesDue, "这段时间应发的工资", "wages due for the period", true);
  if (dueError) return dueError;
  const [paidValue, paidError] = amountField(wagesPaid, "这段时间已经发的工资", "wages paid for the period", false);
  if (paidError) return paidError;
  if (last < first) {
    return error("欠薪结束的日期不能早于开始的日期。", "The last day of the unpaid period cannot be before its first day.");
  }
  const paid = paidValue ?? 0;
  if (paid > due) {
    return error("已经发的工资比应发的还多：按你填的数字，没有欠薪。请再核对一下两个数字。",
      "The wages paid are more than the wages due: by these figures nothing is owed. Check both figures again.");
  }
  const owed = round(due - paid);
  const steps = [
    step("工资应当以货币形式按月支付给劳动者本人，不得克扣或者无故拖欠。",
      "Wages must be paid in money, monthly, to the worker personally, without unjustified deductions or delays.",
      "labour-law 50"),
    step("工资必须在约定的日期支付，至少每月支付一次。",
      "Wages must be paid on the agreed date, at least once a month.", "interim-wage-payment-provisions 7"),
    step(`${zhDate(first)}到${zhDate(last)}（两头都算）：应发 ${yuan(due)} 元，已发 ${yuan(paid)} 元；还欠 ${yuan(due)} − ${yuan(paid)} = ${yuan(owed)} 元。`,
      `${enDate(first)} to ${enDate(last)} (both days included): ${yuan(due)} yuan due, ${yuan(paid)} yuan paid; still owed ${yuan(due)} − ${yuan(paid)} = ${yuan(owed)} yuan.`,
      "labour-contract-law 30"),
    step("劳动合同解除或者终止的，单位应当在解除或者终止时一次付清工资。",
      "When the contract is ended, the employer must pay all wages owed at once.", "interim-wage-payment-provisions 9"),
    step("在职期间追讨拖欠的工资，不受一年仲裁时效限制；离职的，要在离职之日起一年内申请仲裁。",
      "While you still work there, a claim for unpaid wages is not subject to the one-year limit; once the job has ended, apply for arbitration within one year of the day it ended.",
      "labour-dispute-law 27"),
  ];
  return { periodStart: iso(first), periodEnd: iso(last), due, paid, owed, steps };
}

// For the tool pages: which years the holiday calendar covers, and its sources.
export const holidayCalendar = { years: [...CALENDAR.years], sources: CALENDAR.sources };
