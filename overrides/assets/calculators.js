// The rules of the four calculators, in one place. Pure functions: plain objects in, plain objects out;
// dates are "YYYY-MM-DD" strings, money is yuan. Every result carries `steps`, the working shown to the
// reader: [{text_zh, text_en, cite}], where cite is a law-registry citation such as "labour-law 44".
// Invalid input returns {error: {zh, en}}, never a number. The tool pages (/tools/<name>/) and the tests
// (tests/calculator_examples.yaml, worked by hand from the statutes) use this module as it is published.
//
// Conventions, stated once: a month or year later is the same day of the month, or the month's last day
// when it has none (Jan 31 + 1 month = Feb 28), always counted from the original date; money is rounded
// half-up to the fen at each figure shown, and later figures use the rounded ones.

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

// ── input checks: each returns an error message or null ──

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
  return [day, null];
}

function amountField(value, zhName, enName, required) {
  if (value === null || value === undefined || value === "") {
    return required ? [null, error(`请填写${zhName}。`, `Enter the ${enName}.`)] : [null, null];
  }
  const amount = typeof value === "number" ? value : Number(String(value).trim());
  if (typeof value === "boolean" || !Number.isFinite(amount) || String(value).trim() === "") {
    return [null, error(`${zhName}要填数字。`, `The ${enName} must be a number.`)];
  }
  if (amount < 0) return [null, error(`${zhName}不能是负数。`, `The ${enName} cannot be negative.`)];
  return [amount, null];
}

// The inputs in order, each [check, value, Chinese name, English name, required]: their values, or the first error.
function read(fields) {
  const values = [];
  for (const [check, value, zh, en, required] of fields) {
    const [parsed, problem] = check(value, zh, en, required);
    if (problem) return { problem };
    values.push(parsed);
  }
  return { values };
}

const endBeforeStart = () =>
  error("最后工作日不能早于入职日期。", "The last day of work cannot be before the first day of work.");

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
  const { values, problem } = read([
    [dateField, knewOn, "知道权利受侵害的日期", "date you knew of the violation", claim === "other"],
    [dateField, employmentEnded, "离职日期", "date your employment ended", false]]);
  if (problem) return problem;
  const [knew, ended] = values;

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

export function doubleWages({ start, contractSigned, end, monthlyWage } = {}) {
  const { values, problem } = read([
    [dateField, start, "入职日期（开始干活的第一天）", "first day of work", true],
    [dateField, contractSigned, "签合同的日期", "date the contract was signed", false],
    [dateField, end, "最后工作日", "last day of work", false],
    [amountField, monthlyWage, "月工资", "monthly wage", true]]);
  if (problem) return problem;
  const [first, signed, last, wage] = values;
  if (last !== null && last < first) return endBeforeStart();

  const monthFrom = (k) => addMonths(first, k);
  const yearDay = addYears(first, 1);
  const periodFrom = monthFrom(1);
  let periodTo = yearDay - 1;
  if (signed !== null) periodTo = Math.min(periodTo, signed - 1);
  if (last !== null) periodTo = Math.min(periodTo, last);
  const steps = [step(
    `单位应在用工之日起一个月内签书面合同。你${zhDate(first)}开始干活，超过一个月还没签的，从${zhDate(periodFrom)}起每月要付两倍工资。`,
    `The employer must sign a written contract within one month of your first day. You started on ${enDate(first)}; with no contract after one month, double wages are owed from ${enDate(periodFrom)}.`,
    "labour-contract-law 82")];
  steps.push(step(
    `两倍工资最多算到用工满一年的前一天（${zhDate(yearDay - 1)}），也就是最多十一个月；签了合同的算到签合同的前一天，离职的算到最后工作日。`,
    `Double wages run at most to the day before one full year of work (${enDate(yearDay - 1)}) — at most eleven months; to the day before the contract was signed, or to your last day of work, if earlier.`,
    "labour-contract-law-regulations 7"));

  let fullMonths = 0, extraDays = 0, partMonthDays = null, amount = 0;
  if (periodTo < periodFrom) {
    steps.push(step("按你填的日期，没有超过一个月不签合同的时间，不欠两倍工资。",
      "By the dates you entered, there was no time without a contract after the first month: no double wages are owed.",
      "labour-contract-law 82"));
  } else {
    while (fullMonths < 11 && monthFrom(2 + fullMonths) - 1 <= periodTo) fullMonths += 1;
    if (monthFrom(1 + fullMonths) <= periodTo) {
      extraDays = periodTo - monthFrom(1 + fullMonths) + 1;
      partMonthDays = monthFrom(2 + fullMonths) - monthFrom(1 + fullMonths);
    }
    amount = round(wage * (fullMonths + (extraDays ? extraDays / partMonthDays : 0)));
    steps.push(step(
      `应付两倍工资的时间：${zhDate(periodFrom)}到${zhDate(periodTo)}，共${fullMonths}个整月${extraDays ? `又${extraDays}天` : ""}。`,
      `Double wages are owed from ${enDate(periodFrom)} to ${enDate(periodTo)}: ${fullMonths} full month(s)${extraDays ? ` and ${extraDays} day(s)` : ""}.`,
      "labour-contract-law-regulations 6"));
    const part = extraDays ? ` + ${yuan(wage)} × ${extraDays}/${partMonthDays}` : "";
    steps.push(step(
      `平时的工资已经发过，还能要的是另一倍：${yuan(wage)} × ${fullMonths}${part} = ${yuan(amount)} 元。${extraDays ? "不满一个月的部分按这个月的日历天数折算；各地算法不完全一样，有的按每月21.75天计薪。" : ""}`,
      `Your normal wage was already paid; what you can still claim is the second wage: ${yuan(wage)} × ${fullMonths}${part} = ${yuan(amount)} yuan.${extraDays ? " The part month is counted by its share of calendar days; practice varies, and some places use 21.75 paid days a month." : ""}`,
      "labour-contract-law 82"));
  }
  const openEnded = (signed === null || signed >= yearDay) && (last === null || last >= yearDay);
  if (openEnded) {
    steps.push(step(
      `满一年还没签书面合同的，视为从${zhDate(yearDay)}起已经订立无固定期限劳动合同，单位应当立即补签。`,
      `With no written contract after one full year, the law treats you as having an open-ended contract from ${enDate(yearDay)}; the employer must sign one at once.`,
      "labour-contract-law-regulations 7"));
  }
  steps.push(step(
    "二倍工资的仲裁时效怎么算，各地做法不一样，有的地方较早月份的可能已经过了时效：尽早申请仲裁。",
    "How the one-year limit applies to double wages differs from place to place; in some places the earliest months may already be time-barred, so apply for arbitration soon.",
    "labour-dispute-law 27"));
  return { periodFrom: periodTo < periodFrom ? null : iso(periodFrom), periodTo: periodTo < periodFrom ? null : iso(periodTo),
    fullMonths, extraDays, partMonthDays, amount, openEndedFrom: openEnded ? iso(yearDay) : null, steps };
}

// ── 3. economic compensation (severance) and double compensation for unlawful dismissal ──

export function severance({ start, end, monthlyWage, localAverageWage, unlawful } = {}) {
  const { values, problem } = read([
    [dateField, start, "入职日期", "first day of work", true],
    [dateField, end, "最后工作日", "last day of work", true],
    [amountField, monthlyWage, "月平均工资", "average monthly wage", true],
    [amountField, localAverageWage, "当地上年度职工月平均工资", "local average monthly wage", false]]);
  if (problem) return problem;
  const [first, last, wage, average] = values;
  if (last < first) return endBeforeStart();

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
    steps.push(step("劳动合同法从2008年1月1日起施行；2008年以前的工作年限可能适用当时的规定，请问律师。",
      "The Labour Contract Law took effect on 1 January 2008; years worked before 2008 may fall under the rules of the time — ask a lawyer.",
      "labour-contract-law 98"));
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
  const { values, problem } = read([
    [amountField, monthlyWage, "月工资", "monthly wage", true],
    [amountField, workdayHours, "工作日加班小时数", "working-day overtime hours", false],
    [amountField, restDayHours, "休息日加班小时数", "rest-day overtime hours", false],
    [amountField, holidayHours, "法定节假日加班小时数", "public-holiday overtime hours", false]]);
  if (problem) return problem;
  const [wage, ...given] = values;
  const hours = given.map((h) => h ?? 0);
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
    step(`法定节假日加班，至少300%（补休不能代替）：${yuan(hourlyRate)} × 300% × ${number(hours[2])}小时 = ${yuan(holiday)} 元。`,
      `Public-holiday work, at least 300% (time off in lieu does not replace it): ${yuan(hourlyRate)} × 300% × ${number(hours[2])} h = ${yuan(holiday)} yuan.`,
      "labour-law 44"),
    step(`合计至少 ${yuan(total)} 元。法律规定的是“不低于”这些比例，是最低标准。`,
      `Total at least ${yuan(total)} yuan. The law says "not less than" these rates: they are minimums.`,
      "labour-law 44"),
  ];
  return { hourlyRate, workday, restDay, holiday, total, steps };
}

// For the tool pages: which years the holiday calendar covers, and its sources.
export const holidayCalendar = { years: [...CALENDAR.years], sources: CALENDAR.sources };
