package corpus

import (
	"fmt"
	"time"
)

// Date is a calendar date that may be known only to the month or the year.
// The zero Date is "unknown". It marshals to JSON as "2022-10-07",
// "2024-05" or "2024", by precision.
type Date struct {
	Year  int // 0 when unknown
	Month int // 1–12; 0 when only the year is known
	Day   int // 1–31; 0 when only the month is known
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns "day", "month", "year", or "" for the zero Date.
func (d Date) Precision() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return "year"
	case d.Day == 0:
		return "month"
	}
	return "day"
}

// String formats d in ISO 8601 at its precision: "2022-10-07", "2024-05",
// "2024"; "" for the zero Date.
func (d Date) String() string {
	switch d.Precision() {
	case "day":
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case "month":
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case "year":
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

// Time returns the first instant of d in UTC (the first day of its month or
// year at lower precision), or the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// Last returns the last day d covers: d itself at day precision, the last day
// of the month or of the year otherwise.
func (d Date) Last() Date {
	switch d.Precision() {
	case "year":
		return Date{d.Year, 12, 31}
	case "month":
		t := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
		return Date{d.Year, d.Month, t.Day()}
	}
	return d
}

// Valid reports whether d is a real calendar date at its precision (no
// 31 February, no month 13), and not partially filled (a day without a month).
func (d Date) Valid() bool {
	if d.IsZero() {
		return d.Month == 0 && d.Day == 0
	}
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 {
		return false
	}
	if d.Month == 0 {
		return d.Day == 0
	}
	if d.Day == 0 {
		return true
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

// ParseDate parses an ISO 8601 date at day, month or year precision:
// "2022-10-07", "2022-10", "2022".
func ParseDate(s string) (Date, error) {
	var d Date
	var err error
	switch len(s) {
	case 10:
		_, err = fmt.Sscanf(s, "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day)
	case 7:
		_, err = fmt.Sscanf(s, "%4d-%2d", &d.Year, &d.Month)
	case 4:
		_, err = fmt.Sscanf(s, "%4d", &d.Year)
	default:
		err = fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if err == nil && (!d.Valid() || d.String() != s) {
		err = fmt.Errorf("not a calendar date")
	}
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %v", s, err)
	}
	return d, nil
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
