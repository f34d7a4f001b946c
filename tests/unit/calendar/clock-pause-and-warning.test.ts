import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../engine/calendar/index.ts';

const shanghai = (wallClock: string) => new Date(`${wallClock}+08:00`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);
const startOf = (date: string) => new Date(`${date}T00:00:00.000+08:00`);

const calendar = WorkingDayCalendar.bundled();

describe('counting working days taken', () => {
  it('counts the working days after the start day up to and including the end day', () => {
    // (Fri 02-13, Fri 02-27]: Sat 14 调休, Tue 24, Wed 25, Thu 26, Fri 27
    expect(calendar.workingDaysBetween(shanghai('2026-02-13T10:00'), shanghai('2026-02-27T09:00'))).toBe(5);
  });

  it('counts nothing within one day or backwards', () => {
    expect(calendar.workingDaysBetween(shanghai('2026-03-11T09:00'), shanghai('2026-03-11T17:00'))).toBe(0);
    expect(calendar.workingDaysBetween(shanghai('2026-03-12T09:00'), shanghai('2026-03-11T09:00'))).toBe(0);
  });
});

describe('stopping and restarting the clock for 补正', () => {
  // Accepted Mon 2025-09-22; 10 working days: Tue 23, Wed 24, Thu 25, Fri 26, Sun 28 调休,
  // Mon 29, Tue 30, (10-01…10-08 off) Thu 10-09, Fri 10, Sat 11 调休 → end of 2025-10-11.
  const accepted = shanghai('2025-09-22T10:00');
  const deadline = calendar.addWorkingDays(accepted, 10).at;

  it('computes the original deadline over National Day', () => {
    expect(deadline).toEqual(endOf('2025-10-11'));
  });

  it('pauses across National Day and resumes with the same remaining working days', () => {
    // paused Tue 09-30: left are Thu 10-09, Fri 10, Sat 11 → 3
    const pausedAt = shanghai('2025-09-30T10:00');
    const remaining = calendar.remainingWorkingDays(pausedAt, deadline);
    expect(remaining).toBe(3);
    // supplemented online on the evening of 10-08 (a holiday) → accepted Thu 10-09 (not counted)
    // → Fri 10 (1), Sat 11 调休 (2), Mon 13 (3)
    expect(calendar.resumeDeadline(shanghai('2025-10-08T20:00'), remaining)).toEqual({ at: endOf('2025-10-13'), provisional: false });
  });

  it('gives back the original deadline when the clock restarts at the instant it stopped', () => {
    const pausedAt = shanghai('2025-09-26T15:00');
    const remaining = calendar.remainingWorkingDays(pausedAt, deadline); // Sun 28, Mon 29, Tue 30, 10-09, 10, 11
    expect(remaining).toBe(6);
    expect(calendar.resumeDeadline(pausedAt, remaining).at).toEqual(deadline);
  });

  it('leaves nothing when the clock stops after the deadline has passed', () => {
    expect(calendar.remainingWorkingDays(shanghai('2025-10-13T09:00'), deadline)).toBe(0);
  });
});

describe('the yellow-light instant', () => {
  const deadline = endOf('2026-02-27');

  it('lights yellow at the start of the deadline day when one working day is left', () => {
    expect(calendar.warningAt(deadline, 1)).toEqual(startOf('2026-02-27'));
  });

  it('counts back over working days, the deadline day included', () => {
    // Fri 27 (1), Thu 26 (2), Wed 25 (3)
    expect(calendar.warningAt(deadline, 3)).toEqual(startOf('2026-02-25'));
  });

  it('counts back across the Spring Festival to the make-up Saturday', () => {
    // Fri 27 (1), Thu 26 (2), Wed 25 (3), Tue 24 (4), (02-15…02-23 off) Sat 14 调休 (5)
    expect(calendar.warningAt(deadline, 5)).toEqual(startOf('2026-02-14'));
  });

  it('does not count a deadline day that is not a working day', () => {
    // deadline on Sat 2026-03-07: no working day left on it, so one day left means Fri 03-06
    expect(calendar.warningAt(endOf('2026-03-07'), 1)).toEqual(startOf('2026-03-06'));
  });

  it('rejects zero, negative or fractional lead times', () => {
    expect(() => calendar.warningAt(deadline, 0)).toThrow(RangeError);
    expect(() => calendar.warningAt(deadline, -2)).toThrow(RangeError);
    expect(() => calendar.warningAt(deadline, 1.5)).toThrow(RangeError);
  });
});
