/**
 * The working-day calendar: Chinese public holidays and 调休 days, Shanghai local time, and
 * the deadline arithmetic for 法定时限 / 承诺时限.
 */
export {
  bundledYears,
  CalendarDataError,
  validateCalendarOverride,
  validateYearCalendar,
  type CalendarOverride,
  type NamedDate,
  type YearCalendar,
} from './holiday-data.ts';
export {
  addLocalDays,
  assertLocalDate,
  endOfLocalDay,
  formatShanghai,
  isLocalDate,
  isWeekend,
  localDate,
  localTimeMinutes,
  startOfLocalDay,
  weekday,
  type Weekday,
} from './shanghai-time.ts';
export {
  WorkingDayCalendar,
  type Deadline,
  type OfficeHours,
  type WorkingDayCalendarOptions,
} from './working-day-calendar.ts';
