package io.marketlake.cot;

import io.marketlake.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * When a COT report became public. The calendar file ({@code config/cot-release-calendar.csv}: report date,
 * release date-time in New York, source) holds the documented exceptions; every other week follows the
 * CFTC's rule: Friday of the report week at 15:30 New York, or, when a federal holiday falls on that week's
 * Wednesday, Thursday or Friday, the next business day from the following Monday at 15:30. Daylight saving
 * is applied by the zone (20:30Z in winter, 19:30Z in summer). Positions are as of the report date's close,
 * 17:00 New York.
 */
public final class CotReleaseCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime RELEASE = LocalTime.of(15, 30);
    private static final LocalTime CLOSE = LocalTime.of(17, 0);

    private final Map<LocalDate, LocalDateTime> exceptions;

    public CotReleaseCalendar(Map<LocalDate, LocalDateTime> exceptions) {
        this.exceptions = new TreeMap<>(exceptions);
    }

    /** Loads the operator's calendar file; a row that cannot be read is a configuration error naming it. */
    public static CotReleaseCalendar load(Path file) {
        Map<LocalDate, LocalDateTime> rows = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();
            for (CSVRecord row : format.parse(reader)) {
                try {
                    rows.put(LocalDate.parse(row.get("report_date")),
                            LocalDateTime.parse(row.get("release_new_york")));
                } catch (RuntimeException e) {
                    throw new ConfigurationException(file + " line " + row.getRecordNumber() + " is not"
                            + " report_date,release_new_york,source (2025-09-30,2025-11-19T15:30,...): " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the COT release calendar " + file + ": " + e.getMessage());
        }
        return new CotReleaseCalendar(rows);
    }

    /** The instant the report of {@code reportDate} was (or will be) published. */
    public Instant releaseOf(LocalDate reportDate) {
        LocalDateTime listed = exceptions.get(reportDate);
        if (listed != null) {
            return listed.atZone(NEW_YORK).toInstant();
        }
        return ruleRelease(reportDate).atTime(RELEASE).atZone(NEW_YORK).toInstant();
    }

    /** The close of business of the report date, which the positions describe. */
    public Instant asOf(LocalDate reportDate) {
        return reportDate.atTime(CLOSE).atZone(NEW_YORK).toInstant();
    }

    static LocalDate ruleRelease(LocalDate reportDate) {
        LocalDate friday = reportDate.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        boolean holidayLate = UsFederalHolidays.isHoliday(friday.minusDays(2))
                || UsFederalHolidays.isHoliday(friday.minusDays(1)) || UsFederalHolidays.isHoliday(friday);
        if (!holidayLate) {
            return friday;
        }
        LocalDate day = friday.plusDays(3);
        while (!UsFederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
